package dev.floe.maintain;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Builds OTLP requests and posts them to an ingest service's OTLP/HTTP listener. */
public final class OtlpClient {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public OtlpClient(int httpPort) {
    this.base = "http://127.0.0.1:" + httpPort;
  }

  /** Posts a protobuf request and returns the HTTP status. */
  public int post(String path, String tenant, Message request) {
    return send(path, tenant, "application/x-protobuf", request.toByteArray());
  }

  /** Posts an OTLP/JSON body and returns the HTTP status. */
  public int postJson(String path, String tenant, String json) {
    return send(path, tenant, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private int send(String path, String tenant, String contentType, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (tenant != null) {
      request.header("X-Scope-OrgID", tenant);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Log records with the given bodies, one service, timestamps around now. */
  public static ExportLogsServiceRequest logs(String service, List<String> bodies, String eventName) {
    long now = System.currentTimeMillis() * 1_000_000L;
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < bodies.size(); i++) {
      LogRecord.Builder record =
          LogRecord.newBuilder()
              .setTimeUnixNano(now - i * 1_000L + 123)
              .setSeverityNumber(io.opentelemetry.proto.logs.v1.SeverityNumber.SEVERITY_NUMBER_INFO)
              .setSeverityText("INFO")
              .setBody(AnyValue.newBuilder().setStringValue(bodies.get(i)))
              .addAttributes(attribute("index", Integer.toString(i)));
      if (eventName != null) {
        record.setEventName(eventName);
      }
      scope.addLogRecords(record);
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource(service)).addScopeLogs(scope))
        .build();
  }

  /** Spans named by {@code names}, one trace each. */
  public static ExportTraceServiceRequest spans(String service, List<String> names) {
    long now = System.currentTimeMillis() * 1_000_000L;
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < names.size(); i++) {
      scope.addSpans(
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, i + 1L).array()))
              .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(i + 1L).array()))
              .setName(names.get(i))
              .setKind(Span.SpanKind.SPAN_KIND_SERVER)
              .setStartTimeUnixNano(now - 5_000_000)
              .setEndTimeUnixNano(now));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource(service)).addScopeSpans(scope))
        .build();
  }

  /** One gauge point per value. */
  public static ExportMetricsServiceRequest gauge(String service, String name, List<Double> values) {
    long now = System.currentTimeMillis() * 1_000_000L;
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < values.size(); i++) {
      gauge.addDataPoints(
          NumberDataPoint.newBuilder()
              .setTimeUnixNano(now - i * 1_000_000L)
              .setAsDouble(values.get(i))
              .addAttributes(attribute("point", Integer.toString(i))));
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource(service))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder().setName(name).setGauge(gauge))))
        .build();
  }

  private static Resource resource(String service) {
    return Resource.newBuilder().addAttributes(attribute("service.name", service)).build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
