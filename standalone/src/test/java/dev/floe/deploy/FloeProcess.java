package dev.floe.deploy;

import dev.floe.maintain.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * One Floe service as its own JVM, started as the image's launcher starts it (same main class and
 * JVM flags) on the test's class path, with exactly the environment given. Its output goes to a
 * log file; it cannot outlive {@link #MAX_LIFETIME} (it runs under {@code timeout}), and {@link
 * #close()} stops it.
 */
final class FloeProcess implements AutoCloseable {
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(15);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;
  private final int adminPort;

  private FloeProcess(String name, Process process, Path log, int adminPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.adminPort = adminPort;
  }

  static FloeProcess start(String name, String mainClass, Map<String, String> env, int adminPort, Path logDir) {
    List<String> command = new ArrayList<>();
    Path timeout = Path.of("/usr/bin/timeout");
    if (Files.isExecutable(timeout)) {
      command.addAll(List.of(timeout.toString(), "-s", "KILL", MAX_LIFETIME.toSeconds() + "s"));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The launcher's flag, a small heap (five services share the machine) and a quick-starting JIT.
    command.addAll(List.of(
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx384m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), mainClass));
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(logDir);
      return new FloeProcess(name, builder.start(), log, adminPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  String name() {
    return name;
  }

  int adminPort() {
    return adminPort;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** GET on the admin listener; the status code and body, or -1 when nothing answers. */
  Response admin(String path) {
    try {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Response(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, String body) {}

  /** SIGKILL: the process ends at once, without any shutdown hook, as when a node dies. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The end of the process's output, for failure messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return name + " (" + log + "):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return name + ": cannot read " + log + ": " + e.getMessage();
    }
  }

  /** SIGTERM (a graceful stop), then SIGKILL after a while. */
  @Override
  public void close() {
    ChildProcesses.stop(process, STOP_TIMEOUT);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
