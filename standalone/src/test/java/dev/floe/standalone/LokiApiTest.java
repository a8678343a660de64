package dev.floe.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
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
  }

  @AfterAll
  static void stop() {
    floe.close();
  }

  @Test
  void linesAreQueryableRightAfterTheAckAndExactlyOnceAfterCompaction() throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      bodies.add("order " + i + (i % 3 == 0 ? " needle" : "") + " placed");
    }
    export("checkout", "tenant-a", bodies, NOW - 60_000_000_000L);

    assertThat(lines(query("{service_name=\"checkout\"}", "tenant-a"))).containsExactlyInAnyOrderElementsOf(bodies);
    assertThat(metric("sum(count_over_time({service_name=\"checkout\"}[1h]))", "tenant-a")).isEqualTo(LINES);

    awaitCompaction();
    assertThat(lines(query("{service_name=\"checkout\"}", "tenant-a")))
        .as("exactly once from Iceberg")
        .containsExactlyInAnyOrderElementsOf(bodies);
    assertThat(metric("sum(count_over_time({service_name=\"checkout\"}[1h]))", "tenant-a")).isEqualTo(LINES);
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
            .build()) {
      CompletableResultCode result = exporter.export(collected.records).join(30, TimeUnit.SECONDS);
      assertThat(result.isSuccess()).as("export acknowledged").isTrue();
    }
  }

  private static void awaitCompaction() throws InterruptedException {
    Table logs = floe.floe().catalog().loadTable(TableIdentifier.of("floe", "logs"));
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      logs.refresh();
      if (logs.currentSnapshot() != null
          && Long.parseLong(logs.currentSnapshot().summary().getOrDefault("total-records", "0")) >= LINES) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no compaction within 30 s");
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
