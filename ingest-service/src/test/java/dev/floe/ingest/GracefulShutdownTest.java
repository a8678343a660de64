package dev.floe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.store.LocalObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest service as deployed: its own JVM, configured through the environment, stopped with
 * SIGTERM while clients keep sending. It drains: every acknowledged record is durable, every other
 * answer is one a client retries, and the process exits by itself within its shutdown timeout.
 */
@Timeout(120)
class GracefulShutdownTest {
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  private static final int CLIENTS = 4;
  private static final int RECORDS_PER_REQUEST = 3;
  /** Clients back off before retrying, as OTLP exporters do (far shorter here). */
  private static final long RETRY_BACKOFF_MILLIS = 20;
  /** 128 + SIGTERM: the JVM's exit status after running its shutdown hooks for a SIGTERM. */
  private static final int SIGTERM_EXIT_STATUS = 143;

  @TempDir Path dir;
  private final OtlpHttp http = new OtlpHttp();

  @Test
  void sigtermDrainsInFlightRequestsAndEveryAckIsDurable() throws Exception {
    Path data = dir.resolve("data");
    Path output = dir.resolve("ingest.log");
    int httpPort = freePort();
    int adminPort = freePort();
    Process process = startService(data, output, httpPort, freePort(), adminPort);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    Outcomes outcomes = new Outcomes();
    AtomicBoolean stopClients = new AtomicBoolean();
    try {
      awaitReady(process, adminPort, output);
      URI logs = URI.create("http://127.0.0.1:" + httpPort + "/v1/logs");
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        String client = "client" + c;
        running.add(clients.submit(() -> sendUntilStopped(logs, client, outcomes, stopClients)));
      }
      awaitAcks(outcomes, 40, process, output);

      outcomes.sigtermNanos.set(System.nanoTime());
      process.destroy();
      boolean exited = process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      stopClients.set(true);
      for (Future<?> client : running) {
        client.get(30, TimeUnit.SECONDS);
      }

      assertThat(exited).as("exited within %s of SIGTERM; output:%n%s", SHUTDOWN_TIMEOUT, tail(output)).isTrue();
      assertThat(process.exitValue()).as("exit status; output:%n%s", tail(output)).isEqualTo(SIGTERM_EXIT_STATUS);
      assertThat(outcomes.statuses)
          .as("answers other than 200 (besides %d refused or reset connections)", outcomes.connectionErrors.get())
          .allSatisfy(status -> assertThat(status).isIn(429, 503));
      assertThat(outcomes.inFlightAtSigtermAcked.get()).as("requests in flight at SIGTERM that were acked").isPositive();

      List<String> stored;
      try (LocalObjectStore store = new LocalObjectStore(data)) {
        stored = new WalContents(store).logBodies();
      }
      assertThat(outcomes.acked)
          .isNotEmpty()
          .allSatisfy(body -> assertThat(Collections.frequency(stored, body)).as("copies of %s", body).isEqualTo(1));
    } finally {
      stopClients.set(true);
      clients.shutdownNow();
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** What the clients saw. */
  private static final class Outcomes {
    final Collection<String> acked = new ConcurrentLinkedQueue<>();
    final Collection<Integer> statuses = new ConcurrentLinkedQueue<>();
    final AtomicInteger connectionErrors = new AtomicInteger();
    final AtomicLong sigtermNanos = new AtomicLong(Long.MAX_VALUE);
    final AtomicInteger inFlightAtSigtermAcked = new AtomicInteger();
  }

  /** Posts requests of unique records until told to stop; the service's going away is expected. */
  private Void sendUntilStopped(URI logs, String client, Outcomes outcomes, AtomicBoolean stop) throws InterruptedException {
    for (int r = 0; !stop.get(); r++) {
      String request = client + "-" + r;
      List<String> bodies = IntStream.range(0, RECORDS_PER_REQUEST).mapToObj(k -> request + "-" + k).toList();
      long sent = System.nanoTime();
      try {
        OtlpHttp.Response response =
            http.post(logs, OtlpHttp.PROTOBUF, OtlpRequests.logs(bodies).toByteArray());
        if (response.status() == 200) {
          outcomes.acked.addAll(bodies);
          if (sent < outcomes.sigtermNanos.get() && System.nanoTime() > outcomes.sigtermNanos.get()) {
            outcomes.inFlightAtSigtermAcked.incrementAndGet();
          }
        } else {
          outcomes.statuses.add(response.status());
          Thread.sleep(RETRY_BACKOFF_MILLIS);
        }
      } catch (IOException e) {
        // Refused or reset once the listener is gone: the client retries these too.
        outcomes.connectionErrors.incrementAndGet();
        Thread.sleep(RETRY_BACKOFF_MILLIS);
      }
    }
    return null;
  }

  private static Process startService(Path data, Path output, int httpPort, int grpcPort, int adminPort)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                IngestService.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("FLOE_"));
    env.put("FLOE_STORAGE_TYPE", "local");
    env.put("FLOE_STORAGE_PATH", data.toString());
    env.put("FLOE_HTTP_HOST", "127.0.0.1");
    env.put("FLOE_HTTP_PORT", Integer.toString(httpPort));
    env.put("FLOE_GRPC_HOST", "127.0.0.1");
    env.put("FLOE_GRPC_PORT", Integer.toString(grpcPort));
    env.put("FLOE_ADMIN_HOST", "127.0.0.1");
    env.put("FLOE_ADMIN_PORT", Integer.toString(adminPort));
    env.put("FLOE_BATCH_MAX_DELAY", "300ms");
    env.put("FLOE_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s");
    return builder.start();
  }

  private void awaitReady(Process process, int adminPort, Path output) throws InterruptedException {
    URI ready = URI.create("http://127.0.0.1:" + adminPort + "/ready");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("the service exited with %d before it was ready; output:%n%s", process.exitValue(), tail(output));
      }
      try {
        if (http.get(ready).status() == 200) {
          return;
        }
      } catch (UncheckedIOException e) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    fail("the service was not ready within 60 s; output:%n%s", tail(output));
  }

  private static void awaitAcks(Outcomes outcomes, int records, Process process, Path output) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (outcomes.acked.size() < records) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        fail("only %d records acked; output:%n%s", outcomes.acked.size(), tail(output));
      }
      Thread.sleep(50);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path output) {
    try {
      List<String> lines = Files.readAllLines(output);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
