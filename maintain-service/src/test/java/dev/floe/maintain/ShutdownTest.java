package dev.floe.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.admin.ServiceMeters;
import dev.floe.ingest.IngestService;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maintain service as deployed, stopped with SIGTERM in the middle of compacting a backlog: the
 * running commit completes (no "outcome unknown", no pool shut down under it), the process exits by
 * itself with SIGTERM's status, and what it left is finished by the next leader exactly once.
 */
@Timeout(300)
class ShutdownTest {
  private static final int REQUESTS = 16;
  private static final int RECORDS_PER_REQUEST = 500;
  /** 128 + SIGTERM: the JVM's exit status after a graceful stop on SIGTERM. */
  private static final int SIGTERM_EXIT_STATUS = 143;
  private static final Pattern COMMITTED =
      Pattern.compile("floe_compaction_commits_total\\{[^}]*outcome=\"committed\"[^}]*signal=\"logs\"[^}]*} (\\d+)");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void sigtermDuringCompactionCommitsCleanlyAndTheNextLeaderFinishes() throws Exception {
    List<String> sent = writeBacklog(dir.resolve("store"));
    Path output = dir.resolve("maintain.log");
    int adminPort = freePort();
    Process process = startService(output, adminPort);
    try {
      awaitCommits(process, adminPort, output);
      process.destroy();
      boolean exited = process.waitFor(120, TimeUnit.SECONDS);
      String log = Files.readString(output);
      assertThat(exited).as("exited after SIGTERM; output:%n%s", tail(log)).isTrue();
      assertThat(process.exitValue()).as("exit status; output:%n%s", tail(log)).isEqualTo(SIGTERM_EXIT_STATUS);
      assertThat(log).doesNotContain("RejectedExecutionException", "outcome unknown", "maintenance task compaction failed");
    } finally {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    MaintainService next =
        MaintainService.start(
            IngestToIcebergTest.maintainConfig(dir, "next", Duration.ofMillis(200), Duration.ofSeconds(3)),
            new LocalObjectStore(dir.resolve("store")),
            TestTables.catalog(dir),
            ServiceMeters.newRegistry());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      List<String> stored = TestTables.bodies(TestTables.load(dir, Signal.LOGS));
      while (stored.size() < sent.size() && System.nanoTime() < deadline) {
        Thread.sleep(500);
        stored = TestTables.bodies(TestTables.load(dir, Signal.LOGS));
      }
      assertThat(stored).containsExactlyInAnyOrderElementsOf(sent);
    } finally {
      next.stop();
    }
  }

  /** Sends a backlog that takes many commits of {@link #RECORDS_PER_REQUEST} rows to compact. */
  private static List<String> writeBacklog(Path storeDir) {
    List<String> sent = new ArrayList<>();
    try (LocalObjectStore store = new LocalObjectStore(storeDir)) {
      IngestService ingest = IngestService.start(IngestToIcebergTest.ingestConfig(), store, ServiceMeters.newRegistry());
      try {
        OtlpClient client = new OtlpClient(ingest.httpPort());
        for (int r = 0; r < REQUESTS; r++) {
          List<String> bodies = new ArrayList<>();
          for (int i = 0; i < RECORDS_PER_REQUEST; i++) {
            bodies.add("backlog-" + r + "-" + i);
          }
          assertThat(client.post("/v1/logs", "default", OtlpClient.logs("svc", bodies, null))).isEqualTo(200);
          sent.addAll(bodies);
        }
      } finally {
        ingest.stop();
      }
    }
    return sent;
  }

  private Process startService(Path output, int adminPort) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java, "-Xmx384m", "-XX:+UseSerialGC", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), MaintainService.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("FLOE_"));
    env.put("FLOE_INSTANCE_ID", "stopping");
    env.put("FLOE_ADMIN_HOST", "127.0.0.1");
    env.put("FLOE_ADMIN_PORT", Integer.toString(adminPort));
    env.put("FLOE_STORAGE_TYPE", "local");
    env.put("FLOE_STORAGE_PATH", dir.resolve("store").toString());
    env.put("FLOE_CATALOG_URI", "jdbc:sqlite:" + dir.resolve("catalog.db"));
    env.put("FLOE_CATALOG_WAREHOUSE", dir.resolve("warehouse").toString());
    env.put("FLOE_WAL_SHARDS", "2");
    env.put("FLOE_COMPACTION_INTERVAL", "200ms");
    // Many small commits, so that SIGTERM finds one running.
    env.put("FLOE_COMPACTION_MAX_ROWS_PER_COMMIT", Integer.toString(RECORDS_PER_REQUEST));
    env.put("FLOE_LEASE_DURATION", "3s");
    env.put("FLOE_LIFECYCLE_RETENTION_DEFAULT_DAYS", "0");
    env.put("FLOE_SHUTDOWN_TIMEOUT", "60s");
    return builder.start();
  }

  /** Waits until the service committed some of the backlog, and not all of it. */
  private void awaitCommits(Process process, int adminPort, Path output) throws Exception {
    URI metrics = URI.create("http://127.0.0.1:" + adminPort + "/metrics");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("the service exited with %d; output:%n%s", process.exitValue(), tail(Files.readString(output)));
      }
      try {
        String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher committed = COMMITTED.matcher(text);
        if (committed.find() && Long.parseLong(committed.group(1).split("\\.")[0]) >= 1) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(20);
    }
    fail("no commit within 120 s; output:%n%s", tail(Files.readString(output)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String tail(String log) {
    String[] lines = log.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
  }
}
