package dev.floe.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application instrumented with the OpenTelemetry Java SDK exports straight to standalone Floe
 * with the SDK's default batch processors and OTLP/HTTP exporters, making log records and spans at a
 * steady rate, and loses none of them.
 *
 * <p>The SDK's batch processor exports one batch of 512 at a time and waits for the answer; what
 * overflows its queue of 2,048 meanwhile it drops and counts. At {@value #RATE} records per second
 * a batch fills every 64 ms, so Floe must acknowledge a batch within that on average: a service
 * that waits for a batch timer (200 ms) before writing acks 512 records per 216 ms, about 2,400 per
 * second, and drops most of these. The SDK's drop count is the signal; the records are then counted
 * back, logs through the Loki API and spans through the Tempo API.
 */
@Timeout(300)
class SdkExportRateTest {
  /** Records per second of each signal: over three times what a 200 ms batch timer lets through. */
  private static final int RATE = 8_000;
  private static final int SECONDS = 5;
  private static final int RECORDS = RATE * SECONDS;
  /** Records sent and acknowledged before the measured ones, so that Floe's code paths are compiled. */
  private static final int WARMUP_RECORDS = 5_000;
  private static final String SERVICE = "sdk-rate";
  private static final String WARMUP_SERVICE = "sdk-warmup";

  @TempDir Path dataDir;

  @Test
  void logsAndSpansAtEightThousandPerSecondEachAllArriveAndTheSdkDropsNone() throws Exception {
    try (FloeFixture floe = new FloeFixture(dataDir)) {
      try (Sdk warmup = new Sdk(floe, WARMUP_SERVICE)) {
        warmup.emit(WARMUP_RECORDS, 0);
      }

      long emitNanos;
      Sdk.Drops drops;
      try (Sdk sdk = new Sdk(floe, SERVICE)) {
        emitNanos = sdk.emit(RECORDS, RATE);
        sdk.flush();
        drops = sdk.drops();
      }

      double emittedPerSecond = RECORDS / (emitNanos / 1e9);
      assertThat(emittedPerSecond)
          .as("the test's emitter kept up: records per second of each signal")
          .isGreaterThan(RATE * 0.8);
      assertThat(drops.exportedLogs()).as("log records the SDK exported").isEqualTo(RECORDS);
      assertThat(drops.droppedLogs()).as("log records the SDK dropped from its full queue").isZero();
      assertThat(drops.exportedSpans()).as("spans the SDK exported").isEqualTo(RECORDS);
      assertThat(drops.droppedSpans()).as("spans the SDK dropped from its full queue").isZero();

      // Every acknowledged record is readable at once; polling only covers a compaction in progress.
      assertThat(eventually(() -> lokiCount(floe), RECORDS)).as("log records counted through the Loki API").isEqualTo(RECORDS);
      assertThat(eventually(() -> tempoCount(floe), RECORDS)).as("spans counted through the Tempo API").isEqualTo(RECORDS);
    }
  }

  private static long eventually(java.util.function.LongSupplier count, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long seen = count.getAsLong();
    while (seen != expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
      seen = count.getAsLong();
    }
    return seen;
  }

  private static long lokiCount(FloeFixture floe) {
    long now = System.currentTimeMillis() * 1_000_000L;
    FloeFixture.Response response =
        floe.loki(
            "/loki/api/v1/query",
            Map.of("query", "sum(count_over_time({service_name=\"" + SERVICE + "\"}[1h]))", "time", Long.toString(now)),
            null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode result = response.json().get("data").get("result");
    return result.isEmpty() ? 0 : result.get(0).get("value").get(1).asLong();
  }

  /** Spans of {@link #SERVICE} in the last hour, counted by a TraceQL metrics query on the Tempo API. */
  private static long tempoCount(FloeFixture floe) {
    long now = System.currentTimeMillis() / 1000;
    FloeFixture.Response response =
        floe.tempo(
            "/api/metrics/query",
            Map.of(
                "q", "{ resource.service.name = \"" + SERVICE + "\" } | count_over_time()",
                "start", Long.toString(now - 3600),
                "end", Long.toString(now + 60)),
            null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode series = response.json().get("series");
    return series == null || series.isEmpty() ? 0 : Math.round(series.get(0).get("value").asDouble());
  }

  /** One instrumented application: the SDK with its default batch processors, exporting to Floe. */
  private static final class Sdk implements AutoCloseable {
    private final CountingReader reader = new CountingReader();
    private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
    private final SdkLoggerProvider loggers;
    private final SdkTracerProvider tracers;
    private final Logger logger;
    private final Tracer tracer;

    Sdk(FloeFixture floe, String service) {
      Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service));
      this.loggers =
          SdkLoggerProvider.builder()
              .setResource(resource)
              .addLogRecordProcessor(
                  BatchLogRecordProcessor.builder(
                          OtlpHttpLogRecordExporter.builder().setEndpoint(floe.otlp("/v1/logs")).build())
                      .setMeterProvider(meters)
                      .build())
              .build();
      this.tracers =
          SdkTracerProvider.builder()
              .setResource(resource)
              .addSpanProcessor(
                  BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(floe.otlp("/v1/traces")).build())
                      .setMeterProvider(meters)
                      .build())
              .build();
      this.logger = loggers.get("dev.floe.test");
      this.tracer = tracers.get("dev.floe.test");
    }

    /**
     * Makes {@code records} log records and as many spans, at {@code perSecond} of each on a fixed
     * schedule (as fast as possible when 0), and returns how long that took.
     */
    long emit(int records, int perSecond) {
      long start = System.nanoTime();
      for (int i = 0; i < records; i++) {
        if (perSecond > 0) {
          long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
          // Parks at most once a millisecond; a thread late after a pause catches up at once.
          if (wait > 1_000_000L) {
            LockSupport.parkNanos(wait);
          }
        }
        logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("request " + i + " served").emit();
        tracer.spanBuilder("handle request " + i).startSpan().end();
      }
      return System.nanoTime() - start;
    }

    /** Waits until everything made so far is exported. */
    void flush() {
      CompletableResultCode.ofAll(java.util.List.of(loggers.forceFlush(), tracers.forceFlush()))
          .join(60, TimeUnit.SECONDS);
    }

    Drops drops() {
      return new Drops(
          reader.processed("processedLogs", false),
          reader.processed("processedLogs", true),
          reader.processed("processedSpans", false),
          reader.processed("processedSpans", true));
    }

    @Override
    public void close() {
      CompletableResultCode.ofAll(java.util.List.of(loggers.shutdown(), tracers.shutdown()))
          .join(60, TimeUnit.SECONDS);
      meters.shutdown().join(10, TimeUnit.SECONDS);
    }

    /** What the SDK's batch processors counted: records exported, and records dropped from a full queue. */
    record Drops(long exportedLogs, long droppedLogs, long exportedSpans, long droppedSpans) {}
  }

  /** Reads the batch processors' own counters ({@code processedLogs}, {@code processedSpans}). */
  private static final class CountingReader implements MetricReader {
    private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    long processed(String metric, boolean dropped) {
      long total = 0;
      for (MetricData data : registration.collectAllMetrics()) {
        if (data.getName().equals(metric)) {
          for (LongPointData point : data.getLongSumData().getPoints()) {
            if (Boolean.valueOf(dropped).equals(point.getAttributes().get(DROPPED))) {
              total += point.getValue();
            }
          }
        }
      }
      return total;
    }

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
