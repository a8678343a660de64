package dev.floe.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone's {@code /ready} answers 200 only once every listener of every embedded service is
 * open: a client polling it from before the start finds, at its first 200, every port accepting.
 */
@Timeout(120)
class ReadinessTest {
  @TempDir Path dir;

  @Test
  void readyOnlyOnceEveryListenerIsOpen() throws Exception {
    Map<String, Integer> ports = new HashMap<>();
    for (String listener : List.of("INGEST_GRPC", "INGEST_HTTP", "INGEST_ADMIN", "QUERY_LOKI", "QUERY_PROMETHEUS")) {
      ports.put(listener, freePort());
    }
    Map<String, String> env = new HashMap<>();
    env.put("FLOE_DATA_DIR", dir.toString());
    ports.forEach((listener, port) -> {
      env.put("FLOE_" + listener + "_HOST", "127.0.0.1");
      env.put("FLOE_" + listener + "_PORT", Integer.toString(port));
    });
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI ready = URI.create("http://127.0.0.1:" + ports.get("INGEST_ADMIN") + "/ready");
    AtomicBoolean stop = new AtomicBoolean();

    // Polls from before the start; at the first 200, every listener must accept connections.
    CompletableFuture<List<String>> closedAtFirstReady =
        CompletableFuture.supplyAsync(
            () -> {
              while (!stop.get()) {
                try {
                  HttpResponse<String> response = client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
                  if (response.statusCode() == 200) {
                    return closedPorts(ports);
                  }
                  Thread.sleep(5);
                } catch (IOException e) {
                  // The admin listener is not open yet.
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return List.of("interrupted");
                }
              }
              return List.of("never ready");
            });

    try (Standalone floe = Standalone.start(StandaloneConfig.load(env))) {
      assertThat(closedAtFirstReady.get(60, TimeUnit.SECONDS)).as("listeners closed at the first 200").isEmpty();
    } finally {
      stop.set(true);
    }
  }

  private static List<String> closedPorts(Map<String, Integer> ports) {
    List<String> closed = new ArrayList<>();
    ports.forEach((listener, port) -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      } catch (IOException e) {
        closed.add(listener);
      }
    });
    return closed;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
