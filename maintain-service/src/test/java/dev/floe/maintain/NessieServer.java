package dev.floe.maintain;

import dev.floe.catalog.CatalogConfig;
import dev.floe.store.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Nessie server for tests: the {@code nessie-quarkus} runner jar from Maven Central (the
 * build copies it to {@code target/nessie/}), run as a child process on a Java 21+ JDK, on
 * 127.0.0.1 only, with an in-memory version store and its Iceberg REST warehouse in a bucket of an
 * {@link S3ProxyServer}.
 *
 * <p>Nessie writes table metadata to the bucket itself; Iceberg clients write data files there
 * directly with their own credentials ({@link #clientProperties()}), because request signing
 * through Nessie is turned off.
 *
 * <p>The process cannot outlive its time limit: it runs under {@code timeout} where that exists,
 * and {@link #close()} stops it (TERM, then KILL). Without a JDK 21+ the calling test is skipped
 * with a message saying so.
 */
public final class NessieServer implements AutoCloseable {
  /** The name of the Iceberg REST warehouse, the {@code warehouse} a client asks for. */
  public static final String WAREHOUSE = "floe";
  public static final String REGION = "us-east-1";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  /** Hard limit of one server's life, for when the test JVM dies without closing it. */
  private static final Duration MAX_LIFETIME = Duration.ofMinutes(15);
  private static final int MIN_JAVA = 21;

  /** Quarkus's startup line, which names the port it bound (configured as 0, so the system picks it). */
  private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final S3ProxyServer s3;
  private final Path log;
  private int port;

  private NessieServer(Process process, S3ProxyServer s3, Path log) {
    this.process = process;
    this.s3 = s3;
    this.log = log;
  }

  /**
   * Starts a server whose warehouse {@value #WAREHOUSE} is {@code s3://<bucket>/warehouse} on
   * {@code s3}, and waits until it answers. Skips the calling test if no JDK 21+ is found.
   */
  public static NessieServer start(S3ProxyServer s3) {
    Optional<Path> javaHome = findJava21();
    Assumptions.assumeTrue(
        javaHome.isPresent(),
        "no JDK 21+ found: the Nessie server needs Java " + MIN_JAVA + " or newer; set FLOE_JAVA21_HOME, install one"
            + " under /usr/lib/jvm, or point JAVA_HOME at one");
    Path runner = runnerJar();
    Path log = Path.of(System.getProperty("floe.nessie.log", "target/nessie/nessie.log"));
    List<String> command = new ArrayList<>();
    Path timeout = Path.of("/usr/bin/timeout");
    if (Files.isExecutable(timeout)) {
      command.addAll(List.of(timeout.toString(), "-s", "KILL", MAX_LIFETIME.toSeconds() + "s"));
    }
    command.add(javaHome.get().resolve("bin/java").toString());
    // A small heap also keeps Nessie's object cache (a share of the heap) small; C1 only starts faster.
    command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    serverProperties(s3, 0, 0).forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("-jar", runner.toString()));
    Process process;
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    NessieServer server = new NessieServer(process, s3, log);
    try {
      server.awaitReady();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * The server's settings. Quarkus's management interface is fixed on at build time, so it is moved
   * to 127.0.0.1 and the given port (0: one the system picks) instead of its default 0.0.0.0:9000.
   */
  static Map<String, String> serverProperties(S3ProxyServer s3, int port, int managementPort) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("quarkus.http.host", "127.0.0.1");
    p.put("quarkus.http.port", Integer.toString(port));
    p.put("quarkus.management.host", "127.0.0.1");
    p.put("quarkus.management.port", Integer.toString(managementPort));
    p.put("quarkus.log.console.level", "INFO");
    p.put("quarkus.http.access-log.enabled", "false");
    p.put("nessie.version.store.type", "IN_MEMORY");
    p.put("nessie.catalog.default-warehouse", WAREHOUSE);
    p.put("nessie.catalog.warehouses." + WAREHOUSE + ".location", "s3://" + s3.bucket() + "/warehouse");
    String s3Options = "nessie.catalog.service.s3.default-options.";
    p.put(s3Options + "endpoint", s3.endpoint().toString());
    p.put(s3Options + "path-style-access", "true");
    p.put(s3Options + "region", REGION);
    p.put(s3Options + "request-signing-enabled", "false");
    p.put(s3Options + "access-key", "urn:nessie-secret:quarkus:floe-test.s3");
    p.put("floe-test.s3.name", s3.accessKey());
    p.put("floe-test.s3.secret", s3.secretKey());
    return p;
  }

  /** The Iceberg REST catalog URI, {@code http://127.0.0.1:<port>/iceberg/}. */
  public URI icebergUri() {
    return URI.create("http://127.0.0.1:" + port + "/iceberg/");
  }

  /** The native Nessie API URI, {@code http://127.0.0.1:<port>/api/v2}. */
  public URI apiUri() {
    return URI.create("http://127.0.0.1:" + port + "/api/v2");
  }

  /** The location of the warehouse's tables. */
  public String warehouseLocation() {
    return "s3://" + s3.bucket() + "/warehouse";
  }

  /**
   * Iceberg client properties for reading and writing the warehouse with {@code S3FileIO}: the
   * S3Proxy endpoint, path-style access, the test credentials, and the Apache HTTP client without
   * {@code Expect: 100-continue}, which S3Proxy mishandles.
   */
  public Map<String, String> clientProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("s3.endpoint", s3.endpoint().toString());
    p.put("s3.path-style-access", "true");
    p.put("s3.access-key-id", s3.accessKey());
    p.put("s3.secret-access-key", s3.secretKey());
    p.put("client.region", REGION);
    p.put("http-client.type", "apache");
    p.put("http-client.apache.expect-continue-enabled", "false");
    return Map.copyOf(p);
  }

  /** Floe's catalog settings for this server's Iceberg REST endpoint. */
  public CatalogConfig restCatalog(String namespace) {
    return new CatalogConfig(
        "rest", "nessie", namespace, icebergUri().toString(), WAREHOUSE, "main", clientProperties());
  }

  /** Floe's catalog settings for this server's native Nessie API, on branch {@code main}. */
  public CatalogConfig nessieCatalog(String namespace) {
    return new CatalogConfig(
        "nessie", "nessie", namespace, apiUri().toString(), warehouseLocation(), "main", clientProperties());
  }

  /**
   * Stops the S3Proxy of a warehouse that Iceberg clients used. Iceberg shares each Apache HTTP
   * client among all S3FileIO instances of the JVM and never closes it, so its idle keep-alive
   * connections outlast S3Proxy's graceful stop period: the stop then reports a timeout although
   * the server did stop (the forced stop follows the graceful one). Only that report is ignored.
   */
  public static void stopWarehouse(S3ProxyServer s3) {
    try {
      s3.close();
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof TimeoutException)) {
        throw e;
      }
    }
  }

  /** Where the server's output goes. */
  public Path log() {
    return log;
  }

  @Override
  public void close() {
    ChildProcesses.stop(process, STOP_TIMEOUT);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    port = awaitPort(deadline);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/config"))
        .timeout(Duration.ofSeconds(5))
        .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Nessie exited with " + process.exitValue() + "; see " + log + ":\n" + tail());
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Nessie", e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Nessie", e);
      }
    }
    throw new IllegalStateException("Nessie did not answer within " + START_TIMEOUT + "; see " + log + ":\n" + tail());
  }

  /** The HTTP port the server bound, read from its startup line. */
  private int awaitPort(long deadline) {
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Nessie exited with " + process.exitValue() + "; see " + log + ":\n" + tail());
      }
      try {
        Matcher listening = LISTENING.matcher(Files.readString(log));
        if (listening.find()) {
          return Integer.parseInt(listening.group(1));
        }
      } catch (IOException e) {
        // not written yet
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Nessie", e);
      }
    }
    throw new IllegalStateException("Nessie did not log its port within " + START_TIMEOUT + "; see " + log + ":\n" + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read the log: " + e.getMessage() + ")";
    }
  }

  /**
   * A JDK of Java 21 or newer: {@code FLOE_JAVA21_HOME}, else the newest under /usr/lib/jvm, else
   * {@code JAVA_HOME}, else the JDK running the tests.
   */
  static Optional<Path> findJava21() {
    List<Path> candidates = new ArrayList<>();
    String explicit = System.getenv("FLOE_JAVA21_HOME");
    if (explicit != null && !explicit.isBlank()) {
      candidates.add(Path.of(explicit));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> dirs = Files.list(jvms)) {
        dirs.filter(Files::isDirectory)
            .sorted(Comparator.comparingInt(NessieServer::javaVersion).reversed())
            .forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + jvms, e);
      }
    }
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      candidates.add(Path.of(javaHome));
    }
    candidates.add(Path.of(System.getProperty("java.home")));
    return candidates.stream()
        .filter(home -> javaVersion(home) >= MIN_JAVA && Files.isExecutable(home.resolve("bin/java")))
        .findFirst();
  }

  /** The major version a JDK's {@code release} file names ({@code JAVA_VERSION="25.0.3"}), 0 if unknown. */
  static int javaVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
          String[] parts = version.split("[.+_-]");
          int major = Integer.parseInt(parts[0]);
          return major == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : major;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static Path runnerJar() {
    Path runner = Path.of(System.getProperty("floe.nessie.runner", "target/nessie/nessie-runner.jar"));
    if (!Files.isRegularFile(runner)) {
      throw new IllegalStateException(
          "the Nessie runner jar is missing at " + runner + "; the build copies it there (mvn process-test-resources)");
    }
    return runner;
  }
}
