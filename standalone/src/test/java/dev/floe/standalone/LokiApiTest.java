package dev.floe.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.ingest.PushRequests;
import dev.floe.maintain.compaction.CompactionResult;
import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Loki API of standalone Floe, fed by the OpenTelemetry SDK's own OTLP/HTTP exporter: lines are
 * queryable from the WAL as soon as their export is acknowledged, and exactly once after compaction.
 */
class LokiApiTest {
  private static final long NOW = System.currentTimeMillis() * 1_000_000L;
  private static final int LINES = 30;

  @TempDir static Path dataDir;
  private static FloeFixture floe;

  @BeforeAll
  static void start() {
    floe = new FloeFixture(dataDir);
    floe.pauseCompaction();
  }

  @AfterAll
  static void stop() {
    floe.close();
  }

  @Test
  void linesAreQueryableRightAfterTheAckAndExactlyOnceAfterCompaction() throws Exception {
    String tenant = "tenant-compacted";
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      bodies.add("order " + i + (i % 3 == 0 ? " needle" : "") + " placed");
    }
    export("checkout", tenant, bodies, NOW - 60_000_000_000L);
    assertThat(floe.tableRows(Signal.LOGS, Columns.TENANT_ID, tenant)).as("compacted before the first check").isEmpty();

    // From the WAL only.
    assertAnswers(tenant, bodies);

    CompactionResult compaction = floe.compact(Signal.LOGS);
    assertThat(compaction.rows()).as("rows compacted").isGreaterThanOrEqualTo(LINES);
    assertThat(floe.tableRows(Signal.LOGS, Columns.TENANT_ID, tenant))
        .extracting(row -> row.getField(Columns.BODY))
        .as("the test's rows in the table")
        .containsExactlyInAnyOrderElementsOf(bodies);
    // The compacted segments are still in the WAL: the watermark keeps them from being counted twice.
    assertAnswers(tenant, bodies);

    assertThat(floe.dropCompactedWal(Signal.LOGS)).as("compacted WAL segments deleted").isPositive();
    // From the table only.
    assertAnswers(tenant, bodies);
  }

  private static void assertAnswers(String tenant, List<String> bodies) {
    assertThat(lines(query("{service_name=\"checkout\"}", tenant))).containsExactlyInAnyOrderElementsOf(bodies);
    assertThat(lines(query("{service_name=\"checkout\"} |= \"needle\"", tenant)))
        .containsExactlyInAnyOrderElementsOf(bodies.stream().filter(b -> b.contains("needle")).toList());
    assertThat(lines(query("{service_name=\"checkout\"} != \"needle\" |= \"order 1\" or \"order 2\"", tenant)))
        .containsExactlyInAnyOrderElementsOf(bodies.stream()
            .filter(b -> !b.contains("needle") && (b.contains("order 1") || b.contains("order 2"))).toList());
    assertThat(metric("sum by (detected_level) (count_over_time({service_name=\"checkout\"} | detected_level=\"error\" [1h]))", tenant))
        .as("every other line is an ERROR record")
        .isEqualTo(LINES / 2);
    assertThat(metric("sum(count_over_time({service_name=\"checkout\"}[1h]))", tenant)).isEqualTo(LINES);
  }

  @Test
  void oneTenantNeverSeesAnothersLines() throws Exception {
    export("billing", "tenant-x", List.of("x secret"), NOW - 30_000_000_000L);
    export("billing", "tenant-y", List.of("y secret"), NOW - 30_000_000_000L);

    assertThat(lines(query("{service_name=\"billing\"}", "tenant-x"))).containsExactly("x secret");
    assertThat(lines(query("{service_name=\"billing\"}", "tenant-y"))).containsExactly("y secret");
    assertThat(lines(query("{service_name=\"billing\"}", "tenant-x|tenant-y")))
        .containsExactlyInAnyOrder("x secret", "y secret");
    assertThat(lines(query("{service_name=\"billing\"}", "tenant-z"))).isEmpty();
  }

  @Test
  void grafanasHealthCheckGetsOneSampleOfTwo() {
    FloeFixture.Response response =
        floe.loki("/loki/api/v1/query", Map.of("query", "vector(1)+vector(1)", "time", "4"), null);
    assertThat(response.status()).isEqualTo(200);
    JsonNode data = response.json().get("data");
    assertThat(data.get("resultType").asText()).isEqualTo("vector");
    assertThat(data.get("result")).hasSize(1);
    assertThat(data.get("result").get(0).get("value").get(0).asDouble()).isEqualTo(4.0);
    assertThat(data.get("result").get(0).get("value").get(1).asText()).isEqualTo("2");
  }

  @Test
  void labelsValuesAndSeriesSeeTheWal() throws Exception {
    export("inventory", "tenant-l", List.of("stock checked"), NOW - 10_000_000_000L);
    Map<String, String> range = Map.of("start", Long.toString(NOW - 3_600_000_000_000L), "end", Long.toString(NOW + 60_000_000_000L));

    JsonNode labels = floe.loki("/loki/api/v1/labels", range, "tenant-l").json().get("data");
    assertThat(texts(labels)).contains("service_name", "deployment_environment");
    JsonNode values = floe.loki("/loki/api/v1/label/service_name/values", range, "tenant-l").json().get("data");
    assertThat(texts(values)).containsExactly("inventory");
    Map<String, String> series = new java.util.HashMap<>(range);
    series.put("match[]", "{service_name=\"inventory\"}");
    JsonNode found = floe.loki("/loki/api/v1/series", series, "tenant-l").json().get("data");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).get("deployment_environment").asText()).isEqualTo("test");
  }

  @Test
  void volumeAndDetectedLabelsCountTheSelectedStreams() throws Exception {
    List<String> bodies = List.of("a", "bb", "ccc");
    export("volumes", "tenant-v", bodies, NOW - 20_000_000_000L);
    Map<String, String> params = new java.util.HashMap<>(range());
    params.put("query", "{service_name=\"volumes\"}");

    JsonNode volume = floe.loki("/loki/api/v1/index/volume", params, "tenant-v").json().get("data");
    assertThat(volume.get("resultType").asText()).isEqualTo("vector");
    assertThat(volume.get("result")).hasSize(1);
    assertThat(volume.get("result").get(0).get("metric").get("service_name").asText()).isEqualTo("volumes");
    assertThat(volume.get("result").get(0).get("value").get(1).asText()).isEqualTo("6");

    Map<String, String> stepped = new java.util.HashMap<>(params);
    stepped.put("step", "60");
    JsonNode volumeRange = floe.loki("/loki/api/v1/index/volume_range", stepped, "tenant-v").json().get("data");
    assertThat(volumeRange.get("resultType").asText()).isEqualTo("matrix");
    assertThat(volumeRange.get("result")).hasSize(1);
    assertThat(volumeRange.get("result").get(0).get("metric").get("service_name").asText()).isEqualTo("volumes");
    long bytes = 0;
    for (JsonNode point : volumeRange.get("result").get(0).get("values")) {
      bytes += point.get(1).asLong();
    }
    assertThat(bytes).as("bytes over the steps").isEqualTo(6);

    JsonNode stats = floe.loki("/loki/api/v1/index/stats", params, "tenant-v").json();
    assertThat(stats.get("streams").asLong()).isEqualTo(1);
    assertThat(stats.get("entries").asLong()).isEqualTo(3);
    assertThat(stats.get("bytes").asLong()).isEqualTo(6);

    JsonNode detected = floe.loki("/loki/api/v1/detected_labels", params, "tenant-v").json().get("detectedLabels");
    Map<String, Integer> cardinality = new java.util.HashMap<>();
    detected.forEach(label -> cardinality.put(label.get("label").asText(), label.get("cardinality").asInt()));
    assertThat(cardinality).containsEntry("service_name", 1).containsEntry("deployment_environment", 1);
  }

  @Test
  void patternsGroupLinesThatDifferOnlyInVariableTokens() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      bodies.add(i % 3 == 0 ? "payment " + i + " declined by bank" : "payment " + i + " accepted");
    }
    export("payments", "tenant-p", bodies, NOW - 50_000_000_000L);
    Map<String, String> params = new java.util.HashMap<>(range());
    params.put("query", "{service_name=\"payments\"}");
    params.put("step", "60s");

    JsonNode patterns = floe.loki("/loki/api/v1/patterns", params, "tenant-p").json().get("data");
    Map<String, Long> counts = new java.util.HashMap<>();
    for (JsonNode pattern : patterns) {
      long total = 0;
      for (JsonNode sample : pattern.get("samples")) {
        total += sample.get(1).asLong();
      }
      counts.put(pattern.get("pattern").asText(), total);
    }
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(
        Map.of("payment <_> accepted", 8L, "payment <_> declined by bank", 4L));
  }

  @Test
  void liveTailSendsLinesAsTheyArrive() throws Exception {
    java.util.concurrent.BlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
    String uri = "ws://127.0.0.1:" + floe.floe().query().lokiPort() + "/loki/api/v1/tail?query="
        + java.net.URLEncoder.encode("{service_name=\"tailed\"}", java.nio.charset.StandardCharsets.UTF_8);
    java.net.http.WebSocket socket =
        java.net.http.HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("X-Scope-OrgID", "tenant-t")
            .buildAsync(java.net.URI.create(uri), new java.net.http.WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                  frames.add(text.toString());
                  text.setLength(0);
                }
                ws.request(1);
                return null;
              }
            })
            .get(10, TimeUnit.SECONDS);
    try {
      export("tailed", "tenant-t", List.of("first tailed line"), System.currentTimeMillis() * 1_000_000L);
      String frame = frames.poll(15, TimeUnit.SECONDS);
      assertThat(frame).as("a tail frame within 15 s").isNotNull();
      JsonNode streams = new com.fasterxml.jackson.databind.ObjectMapper().readTree(frame).get("streams");
      assertThat(streams.get(0).get("stream").get("service_name").asText()).isEqualTo("tailed");
      assertThat(streams.get(0).get("values").get(0).get(1).asText()).isEqualTo("first tailed line");
    } finally {
      socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void detectedFieldsComeFromParsedLinesAndStructuredMetadata() throws Exception {
    export(
        "fields",
        "tenant-f",
        List.of("level=info user=u1 latency=15ms", "level=error user=u2 latency=1.5s", "{\"status\":200,\"path\":\"/cart\"}"),
        NOW - 40_000_000_000L);
    Map<String, String> params = new java.util.HashMap<>(range());
    params.put("query", "{service_name=\"fields\"}");

    JsonNode fields = floe.loki("/loki/api/v1/detected_fields", params, "tenant-f").json().get("fields");
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    fields.forEach(field -> byName.put(field.get("label").asText(), field));
    assertThat(byName.get("level").get("type").asText()).isEqualTo("string");
    assertThat(byName.get("level").get("cardinality").asInt()).isEqualTo(2);
    assertThat(byName.get("level").get("parsers").get(0).asText()).isEqualTo("logfmt");
    assertThat(byName.get("latency").get("type").asText()).isEqualTo("duration");
    assertThat(byName.get("status").get("type").asText()).isEqualTo("int");
    assertThat(byName.get("status").get("parsers").get(0).asText()).isEqualTo("json");
    assertThat(byName.get("detected_level").get("parsers").isNull()).as("structured metadata has no parser").isTrue();

    JsonNode values = floe.loki("/loki/api/v1/detected_field/level/values", params, "tenant-f").json().get("values");
    assertThat(texts(values)).containsExactly("error", "info");
  }

  @Test
  void linesPushedOnTheLokiPortAsPromtailDoesAreQueryable() throws Exception {
    byte[] push = PushRequests.snappy(PushRequests.lokiPush(PushRequests.lokiStream(
        "{job=\"varlogs\", filename=\"/var/log/app.log\"}",
        PushRequests.lokiEntry(NOW - 5_000_000_000L, "pushed one"),
        PushRequests.lokiEntry(NOW - 4_000_000_000L, "pushed two", "trace_id", "abc"))));
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
        .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + floe.floe().query().lokiPort() + "/loki/api/v1/push"))
                .header("Content-Type", "application/x-protobuf")
                .header("X-Scope-OrgID", "tenant-push")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(push))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);

    JsonNode data = query("{job=\"varlogs\"}", "tenant-push");
    assertThat(lines(data)).containsExactlyInAnyOrder("pushed one", "pushed two");
    JsonNode stream = data.get("result").get(0).get("stream");
    assertThat(stream.get("filename").asText()).isEqualTo("/var/log/app.log");
    assertThat(stream.get("service_name").asText()).as("discovered from job, as Loki does").isEqualTo("varlogs");
  }

  private static Map<String, String> range() {
    return Map.of("start", Long.toString(NOW - 3_600_000_000_000L), "end", Long.toString(NOW + 60_000_000_000L));
  }

  @Test
  void formatQueryPrintsTheCanonicalQueryAndBuildInfoNamesTheLokiVersion() {
    FloeFixture.Response formatted = floe.loki("/loki/api/v1/format_query",
        Map.of("query", "sum(count_over_time({app=\"a\"}|=\"x\"[5m]))by(app)"), null);
    assertThat(formatted.status()).as(formatted.body()).isEqualTo(200);
    assertThat(formatted.json().get("status").asText()).isEqualTo("success");
    assertThat(formatted.json().get("data").asText())
        .isEqualTo("sum by (app) (count_over_time({app=\"a\"} |= \"x\" [5m]))");
    assertThat(floe.loki("/loki/api/v1/format_query", Map.of("query", "{app="), null).status()).isEqualTo(400);

    FloeFixture.Response build = floe.loki("/loki/api/v1/status/buildinfo", Map.of(), null);
    assertThat(build.status()).isEqualTo(200);
    assertThat(build.json().get("version").asText()).isEqualTo("3.5.0");
  }

  @Test
  void aSyntaxErrorIsA400NamingThePosition() {
    FloeFixture.Response response =
        floe.loki("/loki/api/v1/query_range", Map.of("query", "{service_name=\"x\"} |= "), null);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).startsWith("parse error at line 1, col");
  }

  private static JsonNode query(String logql, String tenant) {
    FloeFixture.Response response =
        floe.loki(
            "/loki/api/v1/query_range",
            Map.of(
                "query", logql,
                "start", Long.toString(NOW - 3_600_000_000_000L),
                "end", Long.toString(NOW + 60_000_000_000L),
                "limit", "1000"),
            tenant);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("data");
  }

  private static double metric(String logql, String tenant) {
    FloeFixture.Response response =
        floe.loki(
            "/loki/api/v1/query",
            Map.of("query", logql, "time", Long.toString(NOW + 60_000_000_000L)),
            tenant);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode result = response.json().get("data").get("result");
    assertThat(result).hasSize(1);
    return result.get(0).get("value").get(1).asDouble();
  }

  private static List<String> lines(JsonNode data) {
    assertThat(data.get("resultType").asText()).isEqualTo("streams");
    List<String> lines = new ArrayList<>();
    for (JsonNode stream : data.get("result")) {
      for (JsonNode value : stream.get("values")) {
        lines.add(value.get(1).asText());
      }
    }
    return lines;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  /** Emits {@code bodies} one second apart from {@code firstNanos} and exports them in one request. */
  private static void export(String service, String tenant, List<String> bodies, long firstNanos) {
    Collected collected = new Collected();
    Resource resource =
        Resource.create(
            Attributes.of(
                AttributeKey.stringKey("service.name"), service,
                AttributeKey.stringKey("deployment.environment"), "test"));
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder().setResource(resource).addLogRecordProcessor(SimpleLogRecordProcessor.create(collected)).build()) {
      Logger logger = provider.get("dev.floe.test");
      for (int i = 0; i < bodies.size(); i++) {
        logger.logRecordBuilder()
            .setTimestamp(firstNanos + i * 1_000_000_000L, TimeUnit.NANOSECONDS)
            .setSeverity(i % 2 == 0 ? Severity.INFO : Severity.ERROR)
            .setBody(bodies.get(i))
            .emit();
      }
    }
    try (OtlpHttpLogRecordExporter exporter =
        OtlpHttpLogRecordExporter.builder()
            .setEndpoint(floe.otlp("/v1/logs"))
            .addHeader("X-Scope-OrgID", tenant)
            .setTimeout(Duration.ofSeconds(60))
            .build()) {
      CompletableResultCode result = exporter.export(collected.records).join(90, TimeUnit.SECONDS);
      assertThat(result.isSuccess()).as("export acknowledged").isTrue();
    }
  }

  /** Keeps what the SDK emits, to export it in one request. */
  private static final class Collected implements LogRecordExporter {
    final List<LogRecordData> records = new ArrayList<>();

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      records.addAll(logs);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
