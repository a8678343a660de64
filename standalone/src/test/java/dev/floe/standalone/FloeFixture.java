package dev.floe.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.ingest.IngestConfig;
import dev.floe.query.QueryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Standalone Floe on a temporary folder with every listener on 127.0.0.1 and an ephemeral port, and
 * a plain HTTP client for its APIs.
 */
final class FloeFixture implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Standalone floe;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  FloeFixture(Path dataDir) {
    StandaloneConfig defaults = StandaloneConfig.defaults();
    IngestConfig i = defaults.ingest();
    IngestConfig.Listener local = new IngestConfig.Listener("127.0.0.1", 0);
    IngestConfig ingest =
        new IngestConfig(
            i.instanceId(), local, local, local, i.defaultTenant(), i.storage(), i.wal(), i.batch(),
            i.limits(), i.mapping(), Duration.ofSeconds(5), i.authEnabled(), i.tls(), i.readiness());
    QueryConfig q = defaults.query();
    QueryConfig.Listener queryLocal = new QueryConfig.Listener("127.0.0.1", 0);
    QueryConfig query =
        new QueryConfig(
            queryLocal, queryLocal, queryLocal, queryLocal, q.defaultTenant(), q.storage(), q.catalog(), q.wal(),
            q.lokiLimits(), q.prometheusLimits(), q.tempoLimits(), q.limits(), q.promoteResourceAttributes(),
            q.authEnabled(), q.tls());
    this.floe = Standalone.start(new StandaloneConfig(dataDir.toString(), ingest, defaults.maintain(), query, defaults.authEnabled(), defaults.tls()));
  }

  Standalone floe() {
    return floe;
  }

  /** The OTLP/HTTP endpoint, e.g. {@code otlp("/v1/logs")}. */
  String otlp(String path) {
    return "http://127.0.0.1:" + floe.ingest().httpPort() + path;
  }

  /** GET on the Loki API with query parameters, as {@code tenant} (null for none). */
  Response loki(String path, Map<String, String> params, String tenant) {
    return get("http://127.0.0.1:" + floe.query().lokiPort() + path, params, tenant);
  }

  /** GET on the Prometheus API with query parameters, as {@code tenant} (null for none). */
  Response prometheus(String path, Map<String, String> params, String tenant) {
    return get("http://127.0.0.1:" + floe.query().prometheusPort() + path, params, tenant);
  }

  /** A form POST on the Prometheus API, as {@code tenant} (null for none). */
  Response prometheusForm(String path, Map<String, String> params, String tenant) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + floe.query().prometheusPort() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(params)));
    return send(request, tenant);
  }

  Response get(String base, Map<String, String> params, String tenant) {
    String query = form(params);
    return send(HttpRequest.newBuilder(URI.create(base + (query.isEmpty() ? "" : "?" + query))), tenant);
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private Response send(HttpRequest.Builder request, String tenant) {
    request.timeout(Duration.ofSeconds(30));
    if (tenant != null) {
      request.header("X-Scope-OrgID", tenant);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  @Override
  public void close() {
    floe.close();
  }
}
