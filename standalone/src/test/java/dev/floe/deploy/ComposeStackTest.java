package dev.floe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Brings {@code docker-compose.yml} itself up where a Docker engine exists (building the image) and
 * sends logs and metric points to the first ingest replica, then reads them back through the query
 * service's Loki and Prometheus APIs. Without Docker it is skipped: {@link ComposeTopologyTest}
 * runs the same topology as processes, and {@link DeploymentFilesTest} checks the file.
 */
class ComposeStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int LOGS = 20;
  private static final Duration STARTUP = Duration.ofMinutes(10);

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  void theComposeStackTakesTelemetryAndAnswersQueries() throws Exception {
    Assumptions.assumeTrue(dockerAvailable(),
        "no Docker engine here: skipping the docker-compose stack test (ComposeTopologyTest covers the topology without containers)");
    try (ComposeContainer compose = new ComposeContainer(DeployFiles.repo().resolve("docker-compose.yml").toFile())
        .withBuild(true)
        .withExposedService("floe-ingest-1", 4318, Wait.forHealthcheck().withStartupTimeout(STARTUP))
        .withExposedService("floe-query", 3100, Wait.forHealthcheck().withStartupTimeout(STARTUP))
        .withExposedService("floe-query", 9090)) {
      compose.start();
      String ingest = "http://" + compose.getServiceHost("floe-ingest-1", 4318) + ":" + compose.getServicePort("floe-ingest-1", 4318);
      String loki = "http://" + compose.getServiceHost("floe-query", 3100) + ":" + compose.getServicePort("floe-query", 3100);
      String prometheus = "http://" + compose.getServiceHost("floe-query", 9090) + ":" + compose.getServicePort("floe-query", 9090);
      long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
      post(ingest + "/v1/logs", logs(now));
      post(ingest + "/v1/metrics", metric(now));

      awaitValue(loki + "/loki/api/v1/query?query=" + encode("sum(count_over_time({service_name=\"compose-check\"}[1h]))"), LOGS);
      awaitValue(prometheus + "/api/v1/query?query=" + encode("compose_check_value"), 42);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String logs(long now) {
    String records = IntStream.range(0, LOGS)
        .mapToObj(i -> "{\"timeUnixNano\":\"" + (now - i * 1_000_000L) + "\",\"body\":{\"stringValue\":\"compose line " + i + "\"}}")
        .collect(Collectors.joining(","));
    return "{\"resourceLogs\":[{\"resource\":" + resource() + ",\"scopeLogs\":[{\"logRecords\":[" + records + "]}]}]}";
  }

  private static String metric(long now) {
    return "{\"resourceMetrics\":[{\"resource\":" + resource() + ",\"scopeMetrics\":[{\"metrics\":[{\"name\":\"compose_check_value\","
        + "\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"" + now + "\",\"asDouble\":42}]}}]}]}]}";
  }

  private static String resource() {
    return "{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"compose-check\"}}]}";
  }

  private static void post(String url, String json) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
  }

  /** Polls an instant query until its first sample has {@code expected} as value. */
  private static void awaitValue(String url, double expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      last = response.body();
      if (response.statusCode() == 200) {
        JsonNode value = JSON.readTree(last).at("/data/result/0/value/1");
        if (!value.isMissingNode() && value.asDouble() == expected) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(url + " never answered " + expected + "; last answer: " + last);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
