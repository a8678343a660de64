package dev.floe.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.admin.ServiceMeters;
import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import dev.floe.query.QueryConfig;
import dev.floe.query.QueryService;
import dev.floe.query.scan.ScanFixture;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries over real WAL segments that run past their timeout or lose their client stop their work and
 * free their turn; queries beyond the gate's queue are refused with 429, too deep or too long with 400;
 * and the query meters on the admin {@code /metrics} move.
 */
@Timeout(180)
class QueriesThatStopTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STREAM = "{service_name=\"svc\"}";
  private static final long TIME_NANOS = (ScanFixture.DAY_ONE_MICROS + 3_600_000_000L) * 1000;
  /**
   * Ninety different line filters over 200,000 lines: a few hundred thousand rows per term, far more work
   * than any timeout below allows, however fast the machine.
   */
  private static final String SLOW_LOGQL =
      IntStream.range(0, 90)
          .mapToObj(i -> "sum(count_over_time(" + STREAM + " |~ \"line " + i + ".*x\" [2h]))")
          .collect(Collectors.joining(" + "));
  /** Subqueries of two billion steps, holding little in memory. */
  private static final String SLOW_PROMQL = "max_over_time(max_over_time(vector(1)[1h:1s])[7d:1s])";

  @TempDir static Path dir;
  private static LocalObjectStore store;
  private static ScanFixture fixture;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void writeLogs() {
    store = new LocalObjectStore(dir.resolve("store"));
    fixture = new ScanFixture(dir, store);
    for (int segment = 0; segment < 4; segment++) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 50_000; i++) {
        long micros = ScanFixture.DAY_ONE_MICROS + segment * 50_000L + i;
        rows.add(ScanFixture.log("default", STREAM, micros, "line " + i + " of segment " + segment));
      }
      fixture.append(Signal.LOGS, rows);
    }
  }

  @AfterAll
  static void close() throws IOException {
    fixture.close();
  }

  @Test
  void aLogqlQueryPastItsTimeoutAnswersLokisErrorAndFreesItsTurn() throws Exception {
    // One query at a time and no queue: a query still holding its turn would get the next one refused.
    try (Service service = new Service(Duration.ofMillis(300), limits(1, 1, 0, 0))) {
      long start = System.nanoTime();
      HttpResponse<String> answer = service.loki("/loki/api/v1/query", SLOW_LOGQL);

      assertThat(answer.statusCode()).isEqualTo(504);
      // Generous for a busy machine, and far less than the whole query needs.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(answer.body())
          .isEqualTo("request timed out, decrease the duration of the request or add more label matchers (prefer "
              + "exact match over regex match) to reduce the amount of data processed");
      // The query's thread let go of its turn, so its work stopped: nothing runs any more.
      await(() -> service.metric("floe_query_running") == 0);
      assertThat(service.metric("floe_query_timeouts_total", "api=\"loki\"")).isEqualTo(1);

      HttpResponse<String> next = service.get(service.prometheus("/api/v1/query", "vector(1)"));
      assertThat(next.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aPromqlQueryPastItsTimeoutAnswersPrometheusErrorAndFreesItsTurn() throws Exception {
    try (Service service = new Service(Duration.ofMinutes(5), limits(1, 1, 0, 0))) {
      HttpResponse<String> answer =
          service.get(service.prometheus("/api/v1/query", SLOW_PROMQL) + "&timeout=0.3");

      assertThat(answer.statusCode()).isEqualTo(503);
      JsonNode error = JSON.readTree(answer.body());
      assertThat(error.get("status").asText()).isEqualTo("error");
      assertThat(error.get("errorType").asText()).isEqualTo("timeout");
      assertThat(error.get("error").asText()).isEqualTo("query timed out in expression evaluation");
      await(() -> service.metric("floe_query_running") == 0);
      assertThat(service.metric("floe_query_timeouts_total", "api=\"prometheus\"")).isEqualTo(1);

      HttpResponse<String> next = service.get(service.prometheus("/api/v1/query", "vector(1)"));
      assertThat(next.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aQueryWhoseClientLeavesStops() throws Exception {
    try (Service service = new Service(Duration.ofMinutes(5), limits(4, 4, 4, 4))) {
      try (Socket client = service.send("/loki/api/v1/query", service.lokiForm(SLOW_LOGQL), service.lokiPort())) {
        await(() -> service.metric("floe_query_running") == 1);
      }
      await(() -> service.metric("floe_query_canceled_total", "api=\"loki\"") == 1);
      assertThat(service.metric("floe_query_running")).isZero();

      try (Socket client = service.send("/api/v1/query", service.prometheusForm(SLOW_PROMQL), service.prometheusPort())) {
        await(() -> service.metric("floe_query_running") == 1);
      }
      await(() -> service.metric("floe_query_canceled_total", "api=\"prometheus\"") == 1);
      assertThat(service.metric("floe_query_running")).isZero();
    }
  }

  @Test
  void queriesBeyondTheQueueAreRefusedWith429() throws Exception {
    try (Service service = new Service(Duration.ofMinutes(5), limits(2, 1, 1, 1))) {
      try (Socket running = service.send("/loki/api/v1/query", service.lokiForm(SLOW_LOGQL), service.lokiPort());
          Socket waiting = service.send("/loki/api/v1/query", service.lokiForm(SLOW_LOGQL), service.lokiPort())) {
        await(() -> service.metric("floe_query_running") == 1 && service.metric("floe_query_queued") == 1);

        HttpResponse<String> loki = service.loki("/loki/api/v1/query", "sum(count_over_time(" + STREAM + " [2h]))");
        assertThat(loki.statusCode()).isEqualTo(429);
        assertThat(loki.body()).startsWith("too many outstanding requests");
        HttpResponse<String> prometheus = service.get(service.prometheus("/api/v1/query", "vector(1)"));
        assertThat(prometheus.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(prometheus.body()).get("error").asText()).startsWith("too many outstanding requests");
        assertThat(service.metric("floe_query_rejected_total", "api=\"loki\"")).isEqualTo(1);

        // Another tenant has its own turn: one query of its own runs at once.
        HttpResponse<String> other =
            service.http.send(
                HttpRequest.newBuilder(URI.create(service.prometheus("/api/v1/query", "vector(1)")))
                    .header("X-Scope-OrgID", "other")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(200);
      }
      await(() -> service.metric("floe_query_running") == 0 && service.metric("floe_query_queued") == 0);
    }
  }

  @Test
  void aQueryMovesTheQueryMeters() throws Exception {
    try (Service service = new Service(Duration.ofMinutes(5), limits(4, 4, 4, 4))) {
      String query = "sum(count_over_time(" + STREAM + " [2h]))";
      assertThat(service.loki("/loki/api/v1/query", query).statusCode()).isEqualTo(200);
      assertThat(service.loki("/loki/api/v1/query", query).statusCode()).isEqualTo(200);

      // A request's latency is recorded when its log completes, which can be just after the answer.
      String latency = "floe_query_request_duration_seconds_count";
      await(() -> service.metric(latency, "api=\"loki\"", "endpoint=\"/loki/api/v1/query\"", "status=\"200\"") == 2);
      await(() -> service.metric("floe_query_request_duration_seconds_bucket", "api=\"loki\"", "le=\"+Inf\"") == 2);
      assertThat(service.metric("floe_query_scanned_rows_total", "signal=\"logs\"")).isEqualTo(400_000);
      assertThat(service.metric("floe_query_scanned_bytes_total", "signal=\"logs\"")).isPositive();
      assertThat(service.metric("floe_query_segment_cache_requests_total", "result=\"hit\"")).isEqualTo(4);
      assertThat(service.metric("floe_query_segment_cache_requests_total", "result=\"miss\"")).isEqualTo(4);

      HttpResponse<String> bad = service.loki("/loki/api/v1/query", "sum(");
      assertThat(bad.statusCode()).isEqualTo(400);
      await(() -> service.metric(latency, "api=\"loki\"", "endpoint=\"/loki/api/v1/query\"", "status=\"400\"") == 1);
    }
  }

  @Test
  void queriesTooDeepOrTooLongGetA400NamingTheLimit() throws Exception {
    try (Service service = new Service(Duration.ofMinutes(5), limits(4, 4, 4, 4))) {
      HttpResponse<String> loki =
          service.loki("/loki/api/v1/query", "(".repeat(10_000) + "count_over_time(" + STREAM + "[1m])" + ")".repeat(10_000));
      assertThat(loki.statusCode()).isEqualTo(400);
      assertThat(loki.body()).contains("query is nested too deeply: more than 128 levels").contains("limits.maxDepth");

      HttpResponse<String> prometheus =
          service.get(service.prometheus("/api/v1/query", "abs(".repeat(300) + "up" + ")".repeat(300)));
      assertThat(prometheus.statusCode()).isEqualTo(400);
      JsonNode error = JSON.readTree(prometheus.body());
      assertThat(error.get("errorType").asText()).isEqualTo("bad_data");
      assertThat(error.get("error").asText()).contains("query is nested too deeply");

      HttpResponse<String> tooLong = service.loki("/loki/api/v1/query", "{a=\"" + "x".repeat(70_000) + "\"}");
      assertThat(tooLong.statusCode()).isEqualTo(400);
      assertThat(tooLong.body()).contains("limits.maxExpressionLength");
    }
  }

  private static QueryConfig.QueryLimits limits(int concurrent, int perTenant, int queued, int queuedPerTenant) {
    QueryConfig.QueryLimits defaults = QueryConfig.defaults().limits();
    return new QueryConfig.QueryLimits(
        concurrent, perTenant, queued, queuedPerTenant, defaults.maxDepth(), defaults.maxExpressionLength());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition still false after 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** The query service on the test's WAL, every listener on 127.0.0.1. */
  private final class Service implements Closeable {
    final HttpClient http = QueriesThatStopTest.this.http;
    private final Catalog catalog = Catalogs.open(CatalogConfig.embedded(dir.toString()));
    private final PrometheusMeterRegistry meters = ServiceMeters.newRegistry();
    private final QueryService service;

    Service(Duration lokiTimeout, QueryConfig.QueryLimits limits) {
      QueryConfig defaults = QueryConfig.defaults();
      QueryConfig.LokiLimits loki = defaults.lokiLimits();
      QueryConfig.Listener local = new QueryConfig.Listener("127.0.0.1", 0);
      QueryConfig config =
          new QueryConfig(
              local, local, local, local, "default", defaults.storage(), CatalogConfig.embedded(dir.toString()),
              defaults.wal(),
              new QueryConfig.LokiLimits(
                  loki.maxQueryLength(), loki.maxEntriesLimitPerQuery(), loki.maxQuerySeries(), lokiTimeout,
                  loki.maxPoints()),
              defaults.prometheusLimits(), defaults.tempoLimits(), limits, List.of(), defaults.authEnabled(),
              defaults.tls());
      this.service = QueryService.start(config, store, catalog, meters, server -> {});
    }

    int lokiPort() {
      return service.lokiPort();
    }

    int prometheusPort() {
      return service.prometheusPort();
    }

    /** A Loki query's form, posted: long queries do not fit in a URL. */
    String lokiForm(String query) {
      return "query=" + encode(query) + "&time=" + TIME_NANOS;
    }

    String prometheusForm(String query) {
      return "query=" + encode(query) + "&time=" + TIME_NANOS / 1_000_000_000L;
    }

    HttpResponse<String> loki(String path, String query) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lokiPort() + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(lokiForm(query)))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String prometheus(String path, String query) {
      return "http://127.0.0.1:" + prometheusPort() + path + "?" + prometheusForm(query);
    }

    HttpResponse<String> get(String uri) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form on a connection of its own, which the caller closes to leave before the answer. */
    Socket send(String path, String form, int port) throws IOException {
      Socket socket = new Socket("127.0.0.1", port);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n"
              + form).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return socket;
    }

    /** The value of the admin listener's sample of {@code name} with all of {@code labels}, or 0. */
    double metric(String name, String... labels) {
      String scrape;
      try {
        scrape = get("http://127.0.0.1:" + service.adminPort() + "/metrics").body();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      for (String line : scrape.split("\n")) {
        boolean named = line.startsWith(name + "{") || line.startsWith(name + " ");
        if (named && List.of(labels).stream().allMatch(line::contains)) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return 0;
    }

    @Override
    public void close() throws IOException {
      service.close();
      if (catalog instanceof Closeable closeable) {
        closeable.close();
      }
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
