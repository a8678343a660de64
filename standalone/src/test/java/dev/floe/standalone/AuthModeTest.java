package dev.floe.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code authEnabled}, the query APIs (and the push routes standalone serves on their ports)
 * refuse requests without {@code X-Scope-OrgID} with 401, as Loki does; health probes stay open.
 */
@Timeout(120)
class AuthModeTest {
  @TempDir Path dir;
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void queriesWithoutTheTenantHeaderAre401AndProbesStayOpen() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("FLOE_DATA_DIR", dir.toString());
    env.put("FLOE_AUTH_ENABLED", "true");
    for (String listener : List.of("INGEST_GRPC", "INGEST_HTTP", "INGEST_ADMIN", "QUERY_LOKI", "QUERY_PROMETHEUS")) {
      env.put("FLOE_" + listener + "_HOST", "127.0.0.1");
      env.put("FLOE_" + listener + "_PORT", "0");
    }
    try (Standalone floe = Standalone.start(StandaloneConfig.load(env))) {
      String loki = "http://127.0.0.1:" + floe.query().lokiPort();
      String prometheus = "http://127.0.0.1:" + floe.query().prometheusPort();

      HttpResponse<String> anonymous = get(loki + "/loki/api/v1/labels", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).contains("no org id");
      assertThat(get(prometheus + "/api/v1/labels", null).statusCode()).isEqualTo(401);
      assertThat(get(prometheus + "/api/v1/query?query=up", null).statusCode()).isEqualTo(401);
      assertThat(post(loki + "/loki/api/v1/push", "{\"streams\":[]}", null).statusCode()).isEqualTo(401);

      assertThat(get(loki + "/loki/api/v1/labels", "team-a").statusCode()).isEqualTo(200);
      assertThat(get(prometheus + "/api/v1/labels", "team-a").statusCode()).isEqualTo(200);

      assertThat(get(loki + "/ready", null).statusCode()).isEqualTo(200);
      assertThat(get(prometheus + "/-/ready", null).statusCode()).isEqualTo(200);
      assertThat(get("http://127.0.0.1:" + floe.ingest().adminPort() + "/ready", null).statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> get(String uri, String tenant) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(uri)), tenant);
  }

  private HttpResponse<String> post(String uri, String body, String tenant) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)),
        tenant);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String tenant) throws Exception {
    if (tenant != null) {
      request.header("X-Scope-OrgID", tenant);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
