package dev.floe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.catalog.CatalogConfig;
import dev.floe.config.StorageConfig;
import dev.floe.query.scan.ScanFixture;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query service as deployed on its own: it opens the store and catalog its configuration names. */
class QueryServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  @TempDir Path dir;

  @Test
  void answersLokiPrometheusAndAdminRequestsAndStopsItsListeners() throws Exception {
    Path data = dir.resolve("data");
    long nowMicros = System.currentTimeMillis() * 1000;
    try (LocalObjectStore store = new LocalObjectStore(data); ScanFixture fixture = new ScanFixture(dir, store)) {
      fixture.append(Signal.LOGS, List.of(
          ScanFixture.log("team", "{app=\"web\"}", nowMicros - 2_000_000, "GET /cart 200"),
          ScanFixture.log("team", "{app=\"web\"}", nowMicros - 1_000_000, "GET /pay 500"),
          ScanFixture.log("other", "{app=\"web\"}", nowMicros - 1_000_000, "not for team")));
    }
    QueryConfig defaults = QueryConfig.defaults();
    QueryConfig.Listener local = new QueryConfig.Listener("127.0.0.1", 0);
    QueryConfig config = new QueryConfig(local, local, local, local, "default", StorageConfig.local(data.toString()),
        CatalogConfig.embedded(dir.toString()), defaults.wal(), defaults.lokiLimits(), defaults.prometheusLimits(),
        defaults.tempoLimits(), defaults.limits(), List.of(), false, defaults.tls());

    QueryService service = QueryService.start(config);
    int loki = service.lokiPort();
    int prometheus = service.prometheusPort();
    int admin = service.adminPort();
    try {
      long endNanos = (nowMicros + 60_000_000) * 1000;
      JsonNode logs = get(loki, "/loki/api/v1/query_range?query=" + encode("{app=\"web\"}")
          + "&start=" + (endNanos - 3_600_000_000_000L) + "&end=" + endNanos, "team");
      List<String> lines = new ArrayList<>();
      logs.get("data").get("result").forEach(stream -> stream.get("values").forEach(v -> lines.add(v.get(1).asText())));
      assertThat(lines).containsExactlyInAnyOrder("GET /cart 200", "GET /pay 500");

      JsonNode scalar = get(prometheus, "/api/v1/query?query=" + encode("1 + 1") + "&time=4", null);
      assertThat(scalar.get("data").get("result").get(1).asText()).isEqualTo("2");

      assertThat(status(service.tempoPort(), "/api/echo")).isEqualTo(200);
      assertThat(status(admin, "/ready")).isEqualTo(200);
      assertThat(status(admin, "/live")).isEqualTo(200);
      assertThat(status(admin, "/metrics")).isEqualTo(200);
    } finally {
      service.stop();
    }
    service.stop(); // a second stop is harmless
    for (int port : new int[] {loki, prometheus, admin}) {
      assertThatThrownBy(() -> status(port, "/")).as("port %d closed", port).isInstanceOf(IOException.class);
    }
  }

  private JsonNode get(int port, String pathAndQuery, String tenant) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(60));
    if (tenant != null) {
      request.header("X-Scope-OrgID", tenant);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private int status(int port, String path) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
