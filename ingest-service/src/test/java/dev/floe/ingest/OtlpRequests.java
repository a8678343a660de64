package dev.floe.ingest;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/** Small OTLP export requests for tests: one resource, one scope, records stamped with the current time. */
final class OtlpRequests {
  static final String SERVICE = "floe-test-service";

  private OtlpRequests() {}

  static long nowNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  /** A log record at the current time whose body identifies it. */
  static LogRecord log(String body) {
    return LogRecord.newBuilder()
        .setTimeUnixNano(nowNanos())
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
        .setSeverityText("INFO")
        .setBody(AnyValue.newBuilder().setStringValue(body))
        .build();
  }

  /** A log record whose time is {@code age} before now (negative: in the future). */
  static LogRecord logAged(String body, Duration age) {
    return log(body).toBuilder().setTimeUnixNano(nowNanos() - age.toNanos()).build();
  }

  /** A log record with a trace id of {@code traceIdBytes} bytes (16 is valid). */
  static LogRecord logWithTraceId(String body, int traceIdBytes) {
    return log(body).toBuilder().setTraceId(randomBytes(traceIdBytes)).build();
  }

  static ExportLogsServiceRequest logs(LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource())
                .addScopeLogs(ScopeLogs.newBuilder().setScope(scope()).addAllLogRecords(Arrays.asList(records))))
        .build();
  }

  /** One log record per body. */
  static ExportLogsServiceRequest logs(List<String> bodies) {
    return logs(bodies.stream().map(OtlpRequests::log).toArray(LogRecord[]::new));
  }

  /** A span that ended now and lasted a millisecond, with valid random ids. */
  static Span span(String name) {
    long end = nowNanos();
    return Span.newBuilder()
        .setTraceId(randomBytes(16))
        .setSpanId(randomBytes(8))
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(end - 1_000_000L)
        .setEndTimeUnixNano(end)
        .build();
  }

  static ExportTraceServiceRequest traces(Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource())
                .addScopeSpans(ScopeSpans.newBuilder().setScope(scope()).addAllSpans(Arrays.asList(spans))))
        .build();
  }

  /** A gauge with one data point at {@code timeNanos}. */
  static Metric gauge(String name, double value, long timeNanos) {
    return Metric.newBuilder()
        .setName(name)
        .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(timeNanos).setAsDouble(value)))
        .build();
  }

  static ExportMetricsServiceRequest metrics(Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource())
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope()).addAllMetrics(Arrays.asList(metrics))))
        .build();
  }

  static ByteString randomBytes(int length) {
    byte[] bytes = new byte[length];
    ThreadLocalRandom.current().nextBytes(bytes);
    // All-zero ids are invalid; make sure a random one is not.
    if (length > 0) {
      bytes[0] |= 1;
    }
    return ByteString.copyFrom(bytes);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Resource resource() {
    return Resource.newBuilder()
        .addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(AnyValue.newBuilder().setStringValue(SERVICE)))
        .build();
  }

  private static InstrumentationScope scope() {
    return InstrumentationScope.newBuilder().setName("floe-tests").build();
  }
}
