package dev.floe.bench.promql;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus server on 127.0.0.1 over TSDB blocks made by {@code promtool tsdb create-blocks-from
 * openmetrics}; stopped by {@link #close} or, failing that, when the JVM exits.
 */
final class PrometheusServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofMinutes(2);
  private final Process process;
  private final Thread stopper;
  private final int port;

  private PrometheusServer(Process process, int port) {
    this.process = process;
    this.port = port;
    this.stopper = new Thread(this::stop, "prometheus-stopper");
    Runtime.getRuntime().addShutdownHook(stopper);
  }

  /** Imports {@code openMetrics} into {@code tsdb} with blocks of at most {@code maxBlockDuration} (e.g. {@code 18h}). */
  static void createBlocks(Path openMetrics, Path tsdb, String maxBlockDuration, Path log) throws IOException, InterruptedException {
    run(List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=" + maxBlockDuration,
        openMetrics.toString(), tsdb.toString()), log, Duration.ofMinutes(20));
  }

  /** Starts Prometheus on {@code tsdb} with no scrape targets and waits until it is ready. */
  static PrometheusServer start(Path tsdb, Path workDir) throws IOException, InterruptedException {
    Path config = workDir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 15s\n");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = new ProcessBuilder(
            "prometheus",
            "--config.file=" + config,
            "--storage.tsdb.path=" + tsdb,
            "--storage.tsdb.retention.time=15d",
            "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("prometheus.log").toFile())
        .start();
    PrometheusServer server = new PrometheusServer(process, port);
    server.awaitReady();
    return server;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("prometheus exited with " + process.exitValue() + "; see prometheus.log");
      }
      try {
        HttpResponse<Void> response = http.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    close();
    throw new IOException("prometheus not ready within " + STARTUP);
  }

  private static void run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed with " + process.exitValue() + ": " + Files.readString(log));
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }
}
