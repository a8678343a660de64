package dev.floe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.store.LocalObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest service as deployed: its own JVM, configured through the environment, stopped with
 * SIGTERM while clients keep sending. It drains: every acknowledged record is durable, every other
 * answer is one a client retries, and the process exits by itself within its shutdown timeout.
 */
@Timeout(240)
class GracefulShutdownTest {
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  private static final int CLIENTS = 4;
  private static final int RECORDS_PER_REQUEST = 3;
  /** Clients back off before retrying, as OTLP exporters do (far shorter here). */
  private static final long RETRY_BACKOFF_MILLIS = 20;
  /** 128 + SIGTERM: the JVM's exit status after running its shutdown hooks for a SIGTERM. */
  private static final int SIGTERM_EXIT_STATUS = 143;
  private static final Duration EXIT_SLACK = Duration.ofSeconds(30);
  /** The service's readiness line, which names the ports it bound (all configured as 0). */
  private static final Pattern READY =
      Pattern.compile("OTLP/gRPC on (\\d+), OTLP/HTTP.* on (\\d+), admin on (\\d+)");

  @TempDir Path dir;
  private final OtlpHttp http = new OtlpHttp();

  @Test
  void sigtermDrainsInFlightRequestsAndEveryAckIsDurable() throws Exception {
    Path data = dir.resolve("data");
    Path output = dir.resolve("ingest.log");
    Process process = startService(data, output);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    Outcomes outcomes = new Outcomes();
    AtomicBoolean stopClients = new AtomicBoolean();
    try {
      Ports ports = awaitPorts(process, output);
      awaitReady(process, ports.admin(), output);
      URI logs = URI.create("http://127.0.0.1:" + ports.http() + "/v1/logs");
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        String client = "client" + c;
        running.add(clients.submit(() -> sendUntilStopped(logs, client, outcomes, stopClients)));
      }
      awaitAcks(outcomes, 40, process, output);

      outcomes.sigtermNanos.set(System.nanoTime());
      process.destroy();
      // The service bounds its drain by its shutdown timeout; the slack is for a busy machine.
      boolean exited = process.waitFor(SHUTDOWN_TIMEOUT.plus(EXIT_SLACK).toMillis(), TimeUnit.MILLISECONDS);
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

  private static Process startService(Path data, Path output) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Dlogback.configurationFile=" + logbackConfig(),
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
    env.put("FLOE_HTTP_PORT", "0");
    env.put("FLOE_GRPC_HOST", "127.0.0.1");
    env.put("FLOE_GRPC_PORT", "0");
    env.put("FLOE_ADMIN_HOST", "127.0.0.1");
    env.put("FLOE_ADMIN_PORT", "0");
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
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (outcomes.acked.size() < records) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        fail("only %d records acked; output:%n%s", outcomes.acked.size(), tail(output));
      }
      Thread.sleep(50);
    }
  }

  private static String logbackConfig() {
    try {
      return Path.of(GracefulShutdownTest.class.getResource("/ingest-process-logback.xml").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ports the service bound. */
  private record Ports(int http, int admin) {}

  /** Reads the bound ports from the service's readiness line. */
  private static Ports awaitPorts(Process process, Path output) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("the service exited with %d before it was ready; output:%n%s", process.exitValue(), tail(output));
      }
      try {
        Matcher ready = READY.matcher(Files.readString(output));
        if (ready.find()) {
          return new Ports(Integer.parseInt(ready.group(2)), Integer.parseInt(ready.group(3)));
        }
      } catch (IOException e) {
        // Not written yet.
      }
      Thread.sleep(100);
    }
    fail("the service did not log its ports within 90 s; output:%n%s", tail(output));
    return null;
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
