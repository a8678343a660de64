package dev.floe.ingest;

import static dev.floe.ingest.SdkTelemetry.CHILD_SPAN;
import static dev.floe.ingest.SdkTelemetry.EVENT_BODY;
import static dev.floe.ingest.SdkTelemetry.EVENT_NAME;
import static dev.floe.ingest.SdkTelemetry.LINKED_SPAN_ID;
import static dev.floe.ingest.SdkTelemetry.LINKED_TRACE_ID;
import static dev.floe.ingest.SdkTelemetry.LOG_BODY;
import static dev.floe.ingest.SdkTelemetry.LOG_TIME_NANOS;
import static dev.floe.ingest.SdkTelemetry.PARENT_SPAN;
import static dev.floe.ingest.SdkTelemetry.SPAN_END_NANOS;
import static dev.floe.ingest.SdkTelemetry.SPAN_ID;
import static dev.floe.ingest.SdkTelemetry.SPAN_START_NANOS;
import static dev.floe.ingest.SdkTelemetry.TRACE_ID;
import static dev.floe.ingest.WalContents.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.floe.schema.Signal;
import dev.floe.wal.SegmentKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenTelemetry Java SDK's own OTLP exporters, over gRPC and HTTP/protobuf, against a running
 * ingest service: once an export succeeds (which the service answers only after the WAL ack), the
 * WAL holds exactly the exported records, field by field, under the tenant of the request.
 */
class OtlpSdkExportTest {
  private static final String DEFAULT_TENANT = "default";

  @TempDir static Path dir;
  // One service for all runs (stopping one takes seconds); each run looks at what it wrote.
  private static IngestFixture ingest;
  private Set<SegmentKey> earlier;

  @BeforeAll
  static void start() {
    ingest = IngestFixture.local(dir).start();
  }

  @AfterAll
  static void stop() {
    ingest.close();
  }

  @BeforeEach
  void markWal() {
    earlier = ingest.wal().mark();
  }

  enum Protocol {
    GRPC,
    HTTP_PROTOBUF
  }

  static Stream<Arguments> exports() {
    return Stream.of(
        arguments(Protocol.GRPC, "team-a", "none"),
        arguments(Protocol.HTTP_PROTOBUF, "team-b", "gzip"),
        arguments(Protocol.HTTP_PROTOBUF, null, "none"),
        arguments(Protocol.GRPC, null, "gzip"));
  }

  @ParameterizedTest(name = "{0}, tenant {1}, compression {2}")
  @MethodSource("exports")
  void sdkExportsArriveInTheWalFieldByField(Protocol protocol, String tenant, String compression) {
    List<SpanData> spans = SdkTelemetry.spans();
    List<MetricData> metrics = SdkTelemetry.metrics();
    try (Exporters exporters = Exporters.create(protocol, ingest, tenant, compression)) {
      assertExported(exporters.logs().export(SdkTelemetry.logs()));
      assertExported(exporters.spans().export(spans));
      assertExported(exporters.metrics().export(metrics));
    }

    String expectedTenant = tenant == null ? DEFAULT_TENANT : tenant;
    WalContents wal = ingest.wal().since(earlier);
    assertLogs(wal, expectedTenant);
    assertSpans(wal.rows(Signal.SPANS), spans, expectedTenant);
    assertMetrics(wal.rows(Signal.METRICS), metrics, expectedTenant);
  }

  private static void assertExported(CompletableResultCode result) {
    result.join(30, TimeUnit.SECONDS);
    assertThat(result.isDone()).as("export finished").isTrue();
    assertThat(result.isSuccess()).as("export succeeded: %s", result.getFailureThrowable()).isTrue();
  }

  private static void assertLogs(WalContents wal, String tenant) {
    List<Record> logs = wal.rows(Signal.LOGS);
    assertThat(logs).hasSize(2).allSatisfy(row -> assertResourceAndScope(row, tenant));

    Record log = only(logs, "body", LOG_BODY);
    assertThat(log.getField("timestamp")).isEqualTo(LOG_TIME_NANOS / 1000);
    assertThat(log.getField("timestamp_nanos")).isEqualTo((int) (LOG_TIME_NANOS % 1000));
    assertThat(log.getField("severity_number")).isEqualTo(13);
    assertThat(log.getField("severity_text")).isEqualTo("WARN");
    assertThat(bytesOf(log.getField("trace_id"))).isEqualTo(hex(TRACE_ID));
    assertThat(bytesOf(log.getField("span_id"))).isEqualTo(hex(SPAN_ID));
    assertThat(log.getField("flags")).isEqualTo(1);
    assertThat(log.getField("event_name")).isNull();
    assertThat(log.getField("stream_labels")).isEqualTo("{deployment_environment=\"test\", service_name=\"checkout\"}");
    assertThat(log.getField("attributes"))
        .isEqualTo(
            Map.of(
                "user.id", "u-42",
                "attempt", "3",
                "ratio", "0.25",
                "admin", "true",
                "roles", "{\"arrayValue\":{\"values\":[{\"stringValue\":\"reader\"},{\"stringValue\":\"writer\"}]}}"));
    assertThat(log.getField("value_types"))
        .isEqualTo(
            Map.of(
                "attributes.attempt", "int",
                "attributes.ratio", "double",
                "attributes.admin", "bool",
                "attributes.roles", "array"));

    Record event = only(logs, "body", EVENT_BODY);
    assertThat(event.getField("event_name")).isEqualTo(EVENT_NAME);
    assertThat(event.getField("severity_number")).isEqualTo(9);
    assertThat(event.getField("trace_id")).isNull();
    assertThat(event.getField("attributes")).isEqualTo(Map.of());

    // A record with an event name is also an event.
    List<Record> events = wal.rows(Signal.EVENTS);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getField("body")).isEqualTo(EVENT_BODY);
    assertThat(events.get(0).getField("event_name")).isEqualTo(EVENT_NAME);
    assertThat(events.get(0).getField("tenant_id")).isEqualTo(tenant);
  }

  private static void assertSpans(List<Record> rows, List<SpanData> exported, String tenant) {
    assertThat(rows).hasSize(2).allSatisfy(row -> assertResourceAndScope(row, tenant));
    SpanData parentData = exported.stream().filter(s -> s.getName().equals(PARENT_SPAN)).findFirst().orElseThrow();
    SpanData childData = exported.stream().filter(s -> s.getName().equals(CHILD_SPAN)).findFirst().orElseThrow();

    Record parent = only(rows, "name", PARENT_SPAN);
    assertThat(bytesOf(parent.getField("trace_id"))).isEqualTo(hex(parentData.getTraceId()));
    assertThat(bytesOf(parent.getField("span_id"))).isEqualTo(hex(parentData.getSpanId()));
    assertThat(parent.getField("parent_span_id")).isNull();
    assertThat(parent.getField("kind")).isEqualTo(2);
    assertThat(parent.getField("status_code")).isEqualTo(1);
    assertThat(parent.getField("timestamp")).isEqualTo(SPAN_START_NANOS / 1000);
    assertThat(parent.getField("timestamp_nanos")).isEqualTo((int) (SPAN_START_NANOS % 1000));
    assertThat(parent.getField("end_timestamp")).isEqualTo(SPAN_END_NANOS / 1000);
    assertThat(parent.getField("end_timestamp_nanos")).isEqualTo((int) (SPAN_END_NANOS % 1000));
    assertThat(parent.getField("duration_nanos")).isEqualTo(SPAN_END_NANOS - SPAN_START_NANOS);
    assertThat(parent.getField("attributes")).isEqualTo(Map.of("http.route", "/checkout"));
    assertThat(parent.getField("value_types")).isEqualTo(Map.of());
    assertThat((List<?>) parent.getField("events")).isEmpty();
    assertThat((List<?>) parent.getField("links")).isEmpty();

    Record child = only(rows, "name", CHILD_SPAN);
    assertThat(TraceId.isValid(childData.getTraceId()) && SpanId.isValid(childData.getSpanId())).isTrue();
    assertThat(bytesOf(child.getField("trace_id"))).isEqualTo(hex(parentData.getTraceId()));
    assertThat(bytesOf(child.getField("span_id"))).isEqualTo(hex(childData.getSpanId()));
    assertThat(bytesOf(child.getField("parent_span_id"))).isEqualTo(hex(parentData.getSpanId()));
    assertThat(child.getField("kind")).isEqualTo(1);
    assertThat(child.getField("status_code")).isEqualTo(2);
    assertThat(child.getField("status_message")).isEqualTo("cart service unavailable");
    assertThat(child.getField("attributes")).isEqualTo(Map.of("cart.items", "3", "cache.hit", "false"));
    assertThat(child.getField("value_types"))
        .isEqualTo(
            Map.of(
                "attributes.cart.items", "int",
                "attributes.cache.hit", "bool",
                "events.0.cache.size", "int"));

    List<?> events = (List<?>) child.getField("events");
    assertThat(events).hasSize(1);
    Record event = (Record) events.get(0);
    assertThat(event.getField("name")).isEqualTo("cache miss");
    assertThat(event.getField("time_unix_nano")).isEqualTo(SPAN_START_NANOS + 5000);
    assertThat(event.getField("attributes")).isEqualTo(Map.of("cache.key", "cart:42", "cache.size", "17"));

    List<?> links = (List<?>) child.getField("links");
    assertThat(links).hasSize(1);
    Record link = (Record) links.get(0);
    assertThat(bytesOf(link.getField("trace_id"))).isEqualTo(hex(LINKED_TRACE_ID));
    assertThat(bytesOf(link.getField("span_id"))).isEqualTo(hex(LINKED_SPAN_ID));
    assertThat(link.getField("attributes")).isEqualTo(Map.of("link.reason", "retry-of"));
  }

  private static void assertMetrics(List<Record> rows, List<MetricData> exported, String tenant) {
    assertThat(rows).hasSize(5).allSatisfy(row -> assertResourceAndScope(row, tenant));

    Record orders = only(rows, "metric_name", "orders.placed");
    assertThat(orders.getField("metric_type")).isEqualTo("sum");
    assertThat(orders.getField("is_monotonic")).isEqualTo(true);
    assertThat(orders.getField("temporality")).isEqualTo(2);
    assertThat(orders.getField("value_int")).isEqualTo(7L);
    assertThat(orders.getField("value_double")).isNull();
    assertThat(orders.getField("unit")).isEqualTo("{order}");
    assertThat(orders.getField("description")).isEqualTo("orders placed");
    assertThat(orders.getField("attributes")).isEqualTo(Map.of("region", "eu"));
    assertThat(orders.getField("series_labels"))
        .isEqualTo(
            "{__name__=\"orders.placed\", region=\"eu\", resource.deployment.environment=\"test\","
                + " resource.host.name=\"host-1\", resource.service.name=\"checkout\", scope.name=\"dev.floe.test\","
                + " scope.version=\"1.2.3\"}");

    Record queue = only(rows, "metric_name", "queue.depth");
    assertThat(queue.getField("metric_type")).isEqualTo("sum");
    assertThat(queue.getField("is_monotonic")).isEqualTo(false);
    assertThat(queue.getField("value_int")).isEqualTo(3L);

    Record temperature = only(rows, "metric_name", "cpu.temperature");
    assertThat(temperature.getField("metric_type")).isEqualTo("gauge");
    assertThat(temperature.getField("value_double")).isEqualTo(61.5);
    assertThat(temperature.getField("unit")).isEqualTo("Cel");
    assertThat(temperature.getField("attributes")).isEqualTo(Map.of("core", "2"));
    assertThat(temperature.getField("value_types")).isEqualTo(Map.of("attributes.core", "int"));

    Record duration = only(rows, "metric_name", "request.duration");
    assertThat(duration.getField("metric_type")).isEqualTo("histogram");
    assertThat(duration.getField("temporality")).isEqualTo(2);
    assertThat(duration.getField("count")).isEqualTo(4L);
    assertThat((Double) duration.getField("sum")).isCloseTo(3.05, within(1e-9));
    assertThat(duration.getField("min")).isEqualTo(0.05);
    assertThat(duration.getField("max")).isEqualTo(2.0);
    assertThat(duration.getField("explicit_bounds")).isEqualTo(List.of(0.1, 0.5, 1.0));
    assertThat(duration.getField("bucket_counts")).isEqualTo(List.of(1L, 1L, 1L, 1L));

    ExponentialHistogramPointData sdkPoint =
        exported.stream()
            .filter(m -> m.getName().equals("payload.size"))
            .findFirst()
            .orElseThrow()
            .getExponentialHistogramData()
            .getPoints()
            .iterator()
            .next();
    Record payload = only(rows, "metric_name", "payload.size");
    assertThat(payload.getField("metric_type")).isEqualTo("exponential_histogram");
    assertThat(payload.getField("count")).isEqualTo(3L);
    assertThat(payload.getField("sum")).isEqualTo(7.0);
    assertThat(payload.getField("min")).isEqualTo(1.0);
    assertThat(payload.getField("max")).isEqualTo(4.0);
    assertThat(payload.getField("zero_count")).isEqualTo(0L);
    assertThat(payload.getField("scale")).isEqualTo(sdkPoint.getScale());
    assertThat(payload.getField("positive_offset")).isEqualTo(sdkPoint.getPositiveBuckets().getOffset());
    assertThat(payload.getField("positive_bucket_counts")).isEqualTo(sdkPoint.getPositiveBuckets().getBucketCounts());
    assertThat((List<?>) payload.getField("positive_bucket_counts"))
        .as("three values in the positive buckets")
        .matches(counts -> counts.stream().mapToLong(c -> (Long) c).sum() == 3);
    assertThat((List<?>) payload.getField("negative_bucket_counts")).isEmpty();
  }

  private static void assertResourceAndScope(Record row, String tenant) {
    assertThat(row.getField("tenant_id")).isEqualTo(tenant);
    assertThat(row.getField("service_name")).isEqualTo(SdkTelemetry.SERVICE);
    assertThat(row.getField("resource_attributes"))
        .isEqualTo(Map.of("service.name", "checkout", "deployment.environment", "test", "host.name", "host-1"));
    assertThat(row.getField("scope_name")).isEqualTo(SdkTelemetry.SCOPE);
    assertThat(row.getField("scope_version")).isEqualTo(SdkTelemetry.SCOPE_VERSION);
  }

  /** The one row whose {@code field} is {@code value}. */
  static Record only(List<Record> rows, String field, Object value) {
    List<Record> matching = rows.stream().filter(row -> value.equals(row.getField(field))).toList();
    assertThat(matching).as("rows with %s = %s", field, value).hasSize(1);
    return matching.get(0);
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** The SDK's three exporters for one protocol, pointed at the service. */
  private record Exporters(LogRecordExporter logs, SpanExporter spans, MetricExporter metrics) implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    static Exporters create(Protocol protocol, IngestFixture ingest, String tenant, String compression) {
      return protocol == Protocol.GRPC ? grpc(ingest, tenant, compression) : http(ingest, tenant, compression);
    }

    private static Exporters grpc(IngestFixture ingest, String tenant, String compression) {
      String endpoint = "http://127.0.0.1:" + ingest.grpcPort();
      var logs = OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).setCompression(compression).setTimeout(TIMEOUT);
      var spans = OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).setCompression(compression).setTimeout(TIMEOUT);
      var metrics = OtlpGrpcMetricExporter.builder().setEndpoint(endpoint).setCompression(compression).setTimeout(TIMEOUT);
      if (tenant != null) {
        logs.addHeader(OtlpHttp.TENANT_HEADER, tenant);
        spans.addHeader(OtlpHttp.TENANT_HEADER, tenant);
        metrics.addHeader(OtlpHttp.TENANT_HEADER, tenant);
      }
      return new Exporters(logs.build(), spans.build(), metrics.build());
    }

    private static Exporters http(IngestFixture ingest, String tenant, String compression) {
      var logs =
          OtlpHttpLogRecordExporter.builder()
              .setEndpoint(ingest.http("/v1/logs").toString())
              .setCompression(compression)
              .setTimeout(TIMEOUT);
      var spans =
          OtlpHttpSpanExporter.builder()
              .setEndpoint(ingest.http("/v1/traces").toString())
              .setCompression(compression)
              .setTimeout(TIMEOUT);
      var metrics =
          OtlpHttpMetricExporter.builder()
              .setEndpoint(ingest.http("/v1/metrics").toString())
              .setCompression(compression)
              .setTimeout(TIMEOUT);
      if (tenant != null) {
        logs.addHeader(OtlpHttp.TENANT_HEADER, tenant);
        spans.addHeader(OtlpHttp.TENANT_HEADER, tenant);
        metrics.addHeader(OtlpHttp.TENANT_HEADER, tenant);
      }
      return new Exporters(logs.build(), spans.build(), metrics.build());
    }

    @Override
    public void close() {
      CompletableResultCode.ofAll(List.of(logs.shutdown(), spans.shutdown(), metrics.shutdown()))
          .join(10, TimeUnit.SECONDS);
    }
  }
}
