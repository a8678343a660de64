package dev.floe.bench.promql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Times {@code /api/v1/query_range} calls on a Prometheus HTTP API, Prometheus's or Floe's. */
final class RangeQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  RangeQueries(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A successful answer: its {@code data.result} and the wall time from sending to the full body. */
  record Answer(JsonNode result, double millis) {}

  Answer run(String expr, long startSeconds, long endSeconds, int stepSeconds) throws IOException, InterruptedException {
    String query = "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
        + "&start=" + startSeconds + "&end=" + endSeconds + "&step=" + stepSeconds;
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/query_range?" + query))
        .timeout(Duration.ofMinutes(5))
        .build();
    long started = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    double millis = (System.nanoTime() - started) / 1e6;
    if (response.statusCode() != 200) {
      throw new IOException(baseUrl + " answered " + response.statusCode() + " to " + expr + ": " + response.body());
    }
    JsonNode body = JSON.readTree(response.body());
    return new Answer(body.path("data").path("result"), millis);
  }
}
