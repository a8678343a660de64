package dev.floe.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.ingest.PushRequests;
import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus API of standalone Floe, fed by the OpenTelemetry SDK's own OTLP/HTTP metric
 * exporter: every instrument kind comes back under the names and labels Prometheus's OTLP
 * translation gives, from the WAL at once and exactly once after compaction.
 */
class PrometheusApiTest {
  private static final Attributes CART = Attributes.of(AttributeKey.stringKey("http.route"), "/cart");
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  @TempDir static Path dataDir;
  private static FloeFixture floe;
  private static long exportedAt;
  private static long measuredFrom;

  @BeforeAll
  static void start() {
    floe = new FloeFixture(dataDir);
    floe.pauseCompaction();
    exportMetrics();
  }

  @AfterAll
  static void stop() {
    floe.close();
  }

  /** Seven requests of 10 to 70 ms, a 71.5 °C gauge, a queue of 3, five payloads of 2^i bytes; exported once. */
  private static void exportMetrics() {
    OtlpHttpMetricExporter exporter =
        OtlpHttpMetricExporter.builder().setEndpoint(floe.otlp("/v1/metrics")).addHeader("X-Scope-OrgID", "metrics")
            .setTimeout(Duration.ofSeconds(60)).build();
    Resource resource =
        Resource.create(
            Attributes.of(
                AttributeKey.stringKey("service.name"), "checkout",
                AttributeKey.stringKey("service.instance.id"), "i-1",
                AttributeKey.stringKey("host.name"), "host-1"));
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .setResource(resource)
            .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
            .registerView(
                InstrumentSelector.builder().setName("payload.size").build(),
                View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
            .build()) {
      Meter meter = provider.get("dev.floe.test");
      LongCounter requests = meter.counterBuilder("http.server.requests").setUnit("{request}").build();
      DoubleHistogram duration =
          meter.histogramBuilder("http.server.duration").setUnit("ms")
              .setExplicitBucketBoundariesAdvice(List.of(25.0, 50.0, 100.0)).build();
      measuredFrom = System.currentTimeMillis();
      for (int i = 1; i <= 6; i++) {
        requests.add(1, CART);
        duration.record(10.0 * i, CART);
      }
      // The last request inside a sampled span: the SDK's trace-based filter keeps it as an exemplar.
      Context traced = Context.root().with(Span.wrap(
          SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault())));
      requests.add(1, CART, traced);
      duration.record(70.0, CART, traced);
      meter.gaugeBuilder("cpu.temperature").setUnit("Cel").build().set(71.5);
      LongUpDownCounter queue = meter.upDownCounterBuilder("queue.size").build();
      queue.add(5);
      queue.add(-2);
      DoubleHistogram payload = meter.histogramBuilder("payload.size").setUnit("By").build();
      for (int i = 0; i < 5; i++) {
        payload.record(Math.pow(2, i));
      }
      exportedAt = System.currentTimeMillis();
      assertThat(provider.forceFlush().join(90, TimeUnit.SECONDS).isSuccess()).as("export acknowledged").isTrue();
    }
  }

  @Test
  void everyInstrumentKindComesBackTranslatedFromTheWalAndAfterCompaction() {
    assertThat(floe.tableRows(Signal.METRICS, Columns.TENANT_ID, "metrics")).as("compacted before the first check").isEmpty();
    // From the WAL only.
    assertTranslated();

    assertThat(floe.compact(Signal.METRICS).rows()).as("rows compacted").isPositive();
    assertThat(floe.tableRows(Signal.METRICS, Columns.TENANT_ID, "metrics"))
        .extracting(row -> row.getField(Columns.METRIC_NAME))
        .as("the test's metrics in the table")
        .contains("http.server.requests", "http.server.duration", "cpu.temperature", "queue.size", "payload.size");
    // The compacted segments are still in the WAL: the watermark keeps them from being counted twice.
    assertTranslated();

    assertThat(floe.dropCompactedWal(Signal.METRICS)).as("compacted WAL segments deleted").isPositive();
    // From the table only.
    assertTranslated();
  }

  private static void assertTranslated() {
    JsonNode counter = instant("http_server_requests_total");
    assertThat(counter).hasSize(1);
    assertThat(labels(counter.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
        "__name__", "http_server_requests_total", "job", "checkout", "instance", "i-1", "http_route", "/cart"));
    assertThat(value(counter.get(0))).isEqualTo(7);

    assertThat(value(instant("queue_size").get(0))).isEqualTo(3);
    assertThat(value(instant("cpu_temperature_celsius").get(0))).isEqualTo(71.5);
    assertThat(value(instant("http_server_duration_milliseconds_count").get(0))).isEqualTo(7);
    assertThat(value(instant("http_server_duration_milliseconds_sum").get(0))).isEqualTo(280);
    Map<String, Double> buckets = new HashMap<>();
    for (JsonNode bucket : instant("http_server_duration_milliseconds_bucket")) {
      buckets.put(bucket.get("metric").get("le").asText(), value(bucket));
    }
    assertThat(buckets).containsExactlyInAnyOrderEntriesOf(Map.of("25", 2.0, "50", 5.0, "100", 7.0, "+Inf", 7.0));
    assertThat(value(instant("histogram_count(payload_size_bytes)").get(0))).isEqualTo(5);
    assertThat(value(instant("histogram_sum(payload_size_bytes)").get(0))).isEqualTo(31);

    JsonNode targetInfo = instant("target_info");
    assertThat(labels(targetInfo.get(0))).containsEntry("host_name", "host-1").containsEntry("job", "checkout");
  }

  @Test
  void exemplarsOfTheSelectedSeriesComeBackWithTheirTrace() {
    Map<String, String> params = Map.of(
        "query", "histogram_quantile(0.9, rate(http_server_duration_milliseconds_bucket[5m])) or http_server_requests_total",
        "start", Long.toString(exportedAt / 1000 - 60), "end", Long.toString(exportedAt / 1000 + 60));
    for (FloeFixture.Response response : List.of(
        floe.prometheus("/api/v1/query_exemplars", params, "metrics"),
        floe.prometheusForm("/api/v1/query_exemplars", params, "metrics"))) {
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(response.json().get("status").asText()).isEqualTo("success");
      Map<String, JsonNode> bySeries = new HashMap<>();
      response.json().get("data").forEach(series -> bySeries.put(series.get("seriesLabels").get("__name__").asText(), series));
      assertThat(bySeries).containsOnlyKeys("http_server_duration_milliseconds_bucket", "http_server_requests_total");

      JsonNode bucket = bySeries.get("http_server_duration_milliseconds_bucket");
      // A classic histogram's exemplar belongs to the bucket its value falls in: 70 ms is in le="100".
      assertThat(labelsOf(bucket.get("seriesLabels"))).containsExactlyInAnyOrderEntriesOf(Map.of(
          "__name__", "http_server_duration_milliseconds_bucket", "le", "100", "job", "checkout", "instance", "i-1",
          "http_route", "/cart"));
      assertThat(bucket.get("exemplars")).hasSize(1);
      JsonNode exemplar = bucket.get("exemplars").get(0);
      assertThat(labelsOf(exemplar.get("labels"))).containsExactlyInAnyOrderEntriesOf(Map.of("trace_id", TRACE_ID, "span_id", SPAN_ID));
      assertThat(exemplar.get("value").asText()).isEqualTo("70");
      assertThat(exemplar.get("timestamp").isNumber()).isTrue();
      assertThat((long) (exemplar.get("timestamp").asDouble() * 1000)).isBetween(measuredFrom - 1, exportedAt);

      JsonNode counter = bySeries.get("http_server_requests_total").get("exemplars");
      assertThat(counter).hasSize(1);
      assertThat(counter.get(0).get("value").asText()).isEqualTo("1");
      assertThat(counter.get(0).get("labels").get("trace_id").asText()).isEqualTo(TRACE_ID);
    }

    FloeFixture.Response untraced = floe.prometheus("/api/v1/query_exemplars", Map.of("query", "queue_size",
        "start", Long.toString(exportedAt / 1000 - 60), "end", Long.toString(exportedAt / 1000 + 60)), "metrics");
    assertThat(untraced.json().get("data")).isEmpty();
    FloeFixture.Response before = floe.prometheus("/api/v1/query_exemplars", Map.of("query", "http_server_requests_total",
        "start", Long.toString(measuredFrom / 1000 - 120), "end", Long.toString(measuredFrom / 1000 - 60)), "metrics");
    assertThat(before.json().get("data")).isEmpty();
  }

  @Test
  void rangeQueriesStepThroughTheLookback() {
    long start = exportedAt / 1000 - 60;
    FloeFixture.Response response = floe.prometheus("/api/v1/query_range", Map.of(
        "query", "sum by (job) (http_server_requests_total)",
        "start", Long.toString(start), "end", Long.toString(start + 120), "step", "30"), "metrics");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode result = response.json().get("data").get("result");
    assertThat(result).hasSize(1);
    assertThat(result.get(0).get("metric").get("job").asText()).isEqualTo("checkout");
    JsonNode values = result.get(0).get("values");
    assertThat(values.size()).as("points from the export on, within the 5m lookback").isBetween(2, 3);
    assertThat(values.get(values.size() - 1).get(1).asText()).isEqualTo("7");
  }

  @Test
  void formatQueryPrintsTheCanonicalQueryAndBuildInfoNamesThePrometheusVersion() {
    FloeFixture.Response formatted =
        floe.prometheus("/api/v1/format_query", Map.of("query", "sum(rate(x{a=\"b\"}[5m]))by(a)"), null);
    assertThat(formatted.status()).as(formatted.body()).isEqualTo(200);
    assertThat(formatted.json().get("data").asText()).isEqualTo("sum by (a) (rate(x{a=\"b\"}[5m]))");
    FloeFixture.Response bad = floe.prometheus("/api/v1/format_query", Map.of("query", "sum("), null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errorType").asText()).isEqualTo("bad_data");

    FloeFixture.Response build = floe.prometheus("/api/v1/status/buildinfo", Map.of(), null);
    assertThat(build.status()).isEqualTo(200);
    assertThat(build.json().get("data").get("version").asText()).isEqualTo("3.5.0");
  }

  @Test
  void grafanasHealthCheckAndTheMetricBrowserWork() {
    FloeFixture.Response health = floe.prometheus("/api/v1/query", Map.of("query", "1+1", "time", "4"), null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("data").get("resultType").asText()).isEqualTo("scalar");
    assertThat(health.json().get("data").get("result").get(1).asText()).isEqualTo("2");

    JsonNode names = floe.prometheus("/api/v1/label/__name__/values", Map.of(), "metrics").json().get("data");
    assertThat(texts(names)).contains(
        "http_server_requests_total", "http_server_duration_milliseconds_bucket", "queue_size", "payload_size_bytes", "target_info");
    JsonNode series = floe.prometheus("/api/v1/series", Map.of("match[]", "http_server_requests_total"), "metrics").json().get("data");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).get("http_route").asText()).isEqualTo("/cart");
    assertThat(texts(floe.prometheus("/api/v1/labels", Map.of(), "metrics").json().get("data")))
        .contains("__name__", "job", "instance", "http_route", "le");
  }

  @Test
  void metadataNamesEachFamilyWithItsTypeAndUnit() {
    JsonNode metadata = floe.prometheus("/api/v1/metadata", Map.of(), "metrics").json().get("data");
    assertThat(metadata.get("http_server_requests_total").get(0).get("type").asText()).isEqualTo("counter");
    assertThat(metadata.get("http_server_duration_milliseconds").get(0).get("type").asText()).isEqualTo("histogram");
    assertThat(metadata.get("http_server_duration_milliseconds").get(0).get("unit").asText()).isEqualTo("milliseconds");
    assertThat(metadata.get("queue_size").get(0).get("type").asText()).isEqualTo("gauge");
    JsonNode one = floe.prometheus("/api/v1/metadata", Map.of("metric", "queue_size"), "metrics").json().get("data");
    assertThat(one.size()).isEqualTo(1);
  }

  @Test
  void samplesRemoteWrittenOnThePrometheusPortKeepTheirLabels() throws Exception {
    long now = System.currentTimeMillis();
    byte[] write = PushRequests.snappy(PushRequests.writeRequest(
        PushRequests.series("__name__", "rw_requests_total", "job", "api", "instance", "host:9100")
            .message(2, PushRequests.sample(41, now - 30_000))
            .message(2, PushRequests.sample(42, now - 15_000))));
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
        .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + floe.floe().query().prometheusPort() + "/api/v1/write"))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .header("X-Scope-OrgID", "remote")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(write))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);

    FloeFixture.Response result = floe.prometheus("/api/v1/query", Map.of(
        "query", "rw_requests_total", "time", Long.toString(now / 1000)), "remote");
    JsonNode sample = result.json().get("data").get("result").get(0);
    assertThat(labels(sample)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "__name__", "rw_requests_total", "job", "api", "instance", "host:9100"));
    assertThat(value(sample)).isEqualTo(42);
  }

  @Test
  void badQueriesGetPrometheussErrorJson() {
    FloeFixture.Response response = floe.prometheus("/api/v1/query", Map.of("query", "sum(rate(x[5m])"), null);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("status").asText()).isEqualTo("error");
    assertThat(response.json().get("errorType").asText()).isEqualTo("bad_data");
    assertThat(response.json().get("error").asText()).startsWith("invalid parameter \"query\": ");
    FloeFixture.Response noStep = floe.prometheus("/api/v1/query_range", Map.of("query", "up", "start", "1", "end", "2"), null);
    assertThat(noStep.status()).isEqualTo(400);
  }

  @Test
  void oneTenantNeverSeesAnothersMetrics() {
    FloeFixture.Response response = floe.prometheus("/api/v1/query", Map.of("query", "http_server_requests_total",
        "time", Long.toString(exportedAt / 1000 + 1)), "someone-else");
    assertThat(response.json().get("data").get("result")).isEmpty();
  }

  private static JsonNode instant(String promql) {
    FloeFixture.Response response = floe.prometheus(
        "/api/v1/query", Map.of("query", promql, "time", Long.toString(exportedAt / 1000 + 1)), "metrics");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("data").get("result");
  }

  private static double value(JsonNode sample) {
    return Double.parseDouble(sample.get("value").get(1).asText());
  }

  private static Map<String, String> labels(JsonNode sample) {
    return labelsOf(sample.get("metric"));
  }

  private static Map<String, String> labelsOf(JsonNode object) {
    Map<String, String> labels = new HashMap<>();
    object.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new java.util.ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
