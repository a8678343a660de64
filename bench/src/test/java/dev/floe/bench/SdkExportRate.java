package dev.floe.bench;

import dev.floe.ingest.IngestConfig;
import dev.floe.standalone.Standalone;
import dev.floe.standalone.StandaloneConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One application instrumented with the OpenTelemetry Java SDK ({@code BatchLogRecordProcessor}
 * with its defaults, OTLP/HTTP exporter) logging at steady rates into standalone Floe (a temporary
 * folder, every listener on 127.0.0.1): for each rate, the records the SDK exported and the records
 * it dropped from its full queue. A fresh SDK per rate, after a warm-up of the same length at the
 * first rate.
 *
 * <p>Options ({@code --name=value}): {@code rates} (records/s, default 10000,20000,30000,40000),
 * {@code seconds} (10 per rate).
 */
public final class SdkExportRate {
  private SdkExportRate() {}

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    String[] rates = options.text("rates", "10000,20000,30000,40000").split(",");
    int seconds = options.integer("seconds", 10);
    Path dir = Files.createTempDirectory("floe-sdk-bench-");
    try (Standalone floe = Standalone.start(config(dir))) {
      String endpoint = "http://127.0.0.1:" + floe.ingest().httpPort() + "/v1/logs";
      run(endpoint, Integer.parseInt(rates[0].trim()), seconds, "warm-up");
      System.out.println("| records/s emitted | seconds | exported | dropped by the SDK (queue full) |");
      System.out.println("|---|---|---|---|");
      for (String rate : rates) {
        Outcome outcome = run(endpoint, Integer.parseInt(rate.trim()), seconds, "sdk-bench");
        System.out.printf("| %,d | %d | %,d | %,d |%n", Integer.parseInt(rate.trim()), seconds, outcome.exported(),
            outcome.dropped());
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static StandaloneConfig config(Path dir) {
    StandaloneConfig defaults = StandaloneConfig.defaults();
    IngestConfig i = defaults.ingest();
    IngestConfig.Listener local = new IngestConfig.Listener("127.0.0.1", 0);
    IngestConfig ingest =
        new IngestConfig(i.instanceId(), local, local, local, i.defaultTenant(), i.storage(), i.wal(), i.batch(),
            i.limits(), i.mapping(), Duration.ofSeconds(30), i.authEnabled(), i.tls(), i.readiness());
    dev.floe.query.QueryConfig q = defaults.query();
    dev.floe.query.QueryConfig.Listener queryLocal = new dev.floe.query.QueryConfig.Listener("127.0.0.1", 0);
    dev.floe.query.QueryConfig query =
        new dev.floe.query.QueryConfig(queryLocal, queryLocal, queryLocal, queryLocal, q.defaultTenant(), q.storage(),
            q.catalog(), q.wal(), q.lokiLimits(), q.prometheusLimits(), q.tempoLimits(), q.limits(),
            q.promoteResourceAttributes(), q.authEnabled(), q.tls());
    return new StandaloneConfig(dir.toString(), ingest, defaults.maintain(), query, defaults.authEnabled(), defaults.tls());
  }

  /** Logs {@code perSecond} records per second for {@code seconds} on a fixed schedule, then flushes. */
  private static Outcome run(String endpoint, int perSecond, int seconds, String service) {
    DropReader reader = new DropReader();
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
    SdkLoggerProvider loggers =
        SdkLoggerProvider.builder()
            .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
            .addLogRecordProcessor(
                BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint).build())
                    .setMeterProvider(meters)
                    .build())
            .build();
    Logger logger = loggers.get("dev.floe.bench");
    long records = (long) perSecond * seconds;
    long start = System.nanoTime();
    for (long i = 0; i < records; i++) {
      long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
      if (wait > 1_000_000L) {
        LockSupport.parkNanos(wait);
      }
      logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("request " + i + " served in 12 ms").emit();
    }
    loggers.forceFlush().join(60, TimeUnit.SECONDS);
    Outcome outcome = new Outcome(reader.processed(false), reader.processed(true));
    CompletableResultCode.ofAll(java.util.List.of(loggers.shutdown(), meters.shutdown())).join(60, TimeUnit.SECONDS);
    return outcome;
  }

  private record Outcome(long exported, long dropped) {}

  /** The batch processor's own counter, {@code processedLogs}, split by its {@code dropped} attribute. */
  private static final class DropReader implements MetricReader {
    private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    long processed(boolean dropped) {
      long total = 0;
      for (MetricData data : registration.collectAllMetrics()) {
        if (data.getName().equals("processedLogs")) {
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
