package dev.floe.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables open in another engine: standalone Floe (run from {@code standalone/target} as its own
 * process) takes logs, spans and metric points over OTLP/HTTP, compacts them into Iceberg, and stops;
 * then Apache Spark in local mode, with Iceberg's Spark runtime, reads the {@code logs}, {@code
 * spans} and {@code metrics} tables through the same embedded SQLite catalog and finds every row
 * with its values.
 */
class AnalyticsSparkTest {
  private static final String SERVICE = "spark-check";
  private static final int LOGS = 50;
  private static final int SPANS = 20;
  private static final int POINTS = 10;
  private static final Duration DEADLINE = Duration.ofMinutes(5);
  private static final Pattern COMMITTED =
      Pattern.compile("(?m)^floe_compaction_commits_total\\{[^}]*outcome=\"committed\"[^}]*} ([0-9.eE+]+)$");
  private static final Pattern BACKLOG = Pattern.compile("(?m)^floe_wal_backlog_segments\\{[^}]*} ([0-9.eE+]+)$");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dataDir;

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void sparkReadsEveryRowFloeWrote() throws Exception {
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    String traceId = HexFormat.of().formatHex(randomBytes(16));
    int http = freePort();
    int admin = freePort();
    Process floe = startStandalone(http, admin);
    try {
      await("standalone Floe ready", floe, () -> status("http://127.0.0.1:" + admin + "/ready") == 200);
      post(http, "/v1/logs", logs(now));
      post(http, "/v1/traces", spans(now, traceId));
      post(http, "/v1/metrics", metrics(now));
      await("every signal compacted into Iceberg", floe, () -> {
        String metrics = body("http://127.0.0.1:" + admin + "/metrics");
        return sum(COMMITTED, metrics) >= 3 && BACKLOG.matcher(metrics).find() && sum(BACKLOG, metrics) == 0;
      });
    } finally {
      stop(floe);
    }

    SparkSession spark = SparkSession.builder()
        .master("local[1]")
        .appName("floe-analytics-check")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config("spark.sql.catalog.floe", "org.apache.iceberg.spark.SparkCatalog")
        .config("spark.sql.catalog.floe.type", "jdbc")
        .config("spark.sql.catalog.floe.uri", "jdbc:sqlite:" + dataDir.resolve("catalog.db"))
        .config("spark.sql.catalog.floe.jdbc.schema-version", "V1")
        .config("spark.sql.catalog.floe.warehouse", dataDir.resolve("warehouse").toUri().toString())
        .getOrCreate();
    try {
      Row logs = spark.sql("SELECT count(*), count(DISTINCT body), min(body), max(tenant_id), max(timestamp_nanos) "
          + "FROM floe.floe.logs WHERE service_name = '" + SERVICE + "'").first();
      assertThat(logs.getLong(0)).as("log rows").isEqualTo(LOGS);
      assertThat(logs.getLong(1)).as("distinct bodies").isEqualTo(LOGS);
      assertThat(logs.getString(2)).isEqualTo("spark line 00");
      assertThat(logs.getString(3)).isEqualTo("default");
      assertThat(logs.getInt(4)).as("nanoseconds below the microsecond survive").isEqualTo(789);

      Row spans = spark.sql("SELECT count(*), count(DISTINCT span_id), min(lower(hex(trace_id))), min(name), max(duration_nanos) "
          + "FROM floe.floe.spans WHERE service_name = '" + SERVICE + "'").first();
      assertThat(spans.getLong(0)).as("span rows").isEqualTo(SPANS);
      assertThat(spans.getLong(1)).isEqualTo(SPANS);
      assertThat(spans.getString(2)).isEqualTo(traceId);
      assertThat(spans.getString(3)).isEqualTo("span 00");
      assertThat(spans.getLong(4)).isEqualTo(1_000_000L * (SPANS - 1) + 1_000_000L);

      Row metrics = spark.sql("SELECT count(*), sum(value_double), max(metric_name), max(metric_type), max(attributes['route']) "
          + "FROM floe.floe.metrics WHERE service_name = '" + SERVICE + "'").first();
      assertThat(metrics.getLong(0)).as("metric points").isEqualTo(POINTS);
      assertThat(metrics.getDouble(1)).isEqualTo(IntStream.range(0, POINTS).sum() * 1.5);
      assertThat(metrics.getString(2)).isEqualTo("spark_check_value");
      assertThat(metrics.getString(3)).isEqualTo("gauge");
      assertThat(metrics.getString(4)).isEqualTo("/checkout");
    } finally {
      spark.stop();
    }
  }

  // ---- OTLP/JSON requests ---------------------------------------------------------------------

  private static String resource() {
    return "{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"" + SERVICE + "\"}}]}";
  }

  private static String logs(long now) {
    String records = IntStream.range(0, LOGS)
        .mapToObj(i -> String.format("{\"timeUnixNano\":\"%d\",\"body\":{\"stringValue\":\"spark line %02d\"}}",
            now - 60_000_000_000L + i * 1_000_000L + 789, i))
        .collect(Collectors.joining(","));
    return "{\"resourceLogs\":[{\"resource\":" + resource() + ",\"scopeLogs\":[{\"logRecords\":[" + records + "]}]}]}";
  }

  private static String spans(long now, String traceId) {
    String spans = IntStream.range(0, SPANS)
        .mapToObj(i -> {
          long start = now - 60_000_000_000L + i * 1_000_000L;
          return String.format(
              "{\"traceId\":\"%s\",\"spanId\":\"%s\",\"name\":\"span %02d\",\"kind\":2,"
                  + "\"startTimeUnixNano\":\"%d\",\"endTimeUnixNano\":\"%d\"}",
              traceId, HexFormat.of().formatHex(randomBytes(8)), i, start, start + (i + 1) * 1_000_000L);
        })
        .collect(Collectors.joining(","));
    return "{\"resourceSpans\":[{\"resource\":" + resource() + ",\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}";
  }

  private static String metrics(long now) {
    String points = IntStream.range(0, POINTS)
        .mapToObj(i -> String.format(
            "{\"timeUnixNano\":\"%d\",\"asDouble\":%s,\"attributes\":[{\"key\":\"route\",\"value\":{\"stringValue\":\"/checkout\"}}]}",
            now - 60_000_000_000L + i * 1_000_000_000L, i * 1.5))
        .collect(Collectors.joining(","));
    return "{\"resourceMetrics\":[{\"resource\":" + resource() + ",\"scopeMetrics\":[{\"metrics\":["
        + "{\"name\":\"spark_check_value\",\"gauge\":{\"dataPoints\":[" + points + "]}}]}]}]}";
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    ThreadLocalRandom.current().nextBytes(bytes);
    bytes[0] |= 1;
    return bytes;
  }

  // ---- the standalone process -----------------------------------------------------------------

  private Process startStandalone(int http, int admin) throws IOException {
    Path target = Path.of(System.getProperty("floe.repo.dir", "..")).resolve("standalone/target").toAbsolutePath().normalize();
    Path lib = target.resolve("lib");
    List<Path> jars;
    try (Stream<Path> files = Files.list(target)) {
      jars = new ArrayList<>(files.filter(f -> f.getFileName().toString().matches("standalone-.*\\.jar")
          && !f.getFileName().toString().contains("tests")).toList());
    }
    assertThat(jars).as("standalone's jar in " + target + ": run `mvn -B verify` (or package) first").hasSize(1);
    assertThat(lib).as("standalone's runtime class path; run `mvn -B verify` (or package) first").isDirectory();
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/timeout"))) {
      command.addAll(List.of("/usr/bin/timeout", "-s", "KILL", "600s"));
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m",
        "-cp", jars.get(0) + ":" + lib + "/*", "dev.floe.standalone.Standalone"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("floe.log").toFile());
    builder.environment().put("FLOE_DATA_DIR", dataDir.toString());
    builder.environment().put("FLOE_INGEST_HTTP_HOST", "127.0.0.1");
    builder.environment().put("FLOE_INGEST_HTTP_PORT", Integer.toString(http));
    builder.environment().put("FLOE_INGEST_ADMIN_HOST", "127.0.0.1");
    builder.environment().put("FLOE_INGEST_ADMIN_PORT", Integer.toString(admin));
    for (String listener : List.of("INGEST_GRPC", "QUERY_LOKI", "QUERY_PROMETHEUS", "QUERY_TEMPO")) {
      builder.environment().put("FLOE_" + listener + "_HOST", "127.0.0.1");
      builder.environment().put("FLOE_" + listener + "_PORT", Integer.toString(freePort()));
    }
    return builder.start();
  }

  private void stop(Process floe) throws InterruptedException {
    floe.descendants().forEach(ProcessHandle::destroy);
    floe.destroy();
    if (!floe.waitFor(60, TimeUnit.SECONDS)) {
      floe.descendants().forEach(ProcessHandle::destroyForcibly);
      floe.destroyForcibly();
    }
  }

  private void await(String what, Process floe, Check condition) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!floe.isAlive()) {
        throw new AssertionError("standalone Floe exited while waiting for " + what + ":\n" + log());
      }
      if (condition.holds()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE + ":\n" + log());
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private String log() throws IOException {
    List<String> lines = Files.readAllLines(dataDir.resolve("floe.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static void post(int port, String path, String json) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
  }

  private static int status(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String body(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double sum(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    double sum = 0;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(1));
    }
    return sum;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
