package dev.floe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.catalog.Catalogs;
import dev.floe.maintain.NessieServer;
import dev.floe.store.S3ProxyServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The docker-compose topology without containers: S3Proxy stands in for MinIO, the real Nessie
 * server serves Iceberg REST, and every Floe service of {@code docker-compose.yml} runs as its own
 * JVM with the environment the compose file gives it. Service host names map to 127.0.0.1 and
 * listener ports to free ones; the only other changes are a short lease and compaction interval,
 * so that the failover fits in a test.
 *
 * <p>Logs, spans and metric points go to both ingest processes; the maintain leader is killed
 * (SIGKILL) after its first commit; more data follows; once the standby leads and has compacted
 * everything, every record reads back exactly once through the query service's Loki, Prometheus and
 * Tempo APIs, and once in the Iceberg tables through the same catalog.
 */
class ComposeTopologyTest {
  private static final Duration DEADLINE = Duration.ofMinutes(4);
  private static final String SERVICE = "deploy-check";
  /** Generous: the machine may be busy, and an ack waits for a WAL segment write to S3Proxy. */
  private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(60);
  private static final int LOGS_PER_SEND = 100;
  private static final int SPANS_PER_SEND = 30;
  private static final int POINTS_PER_SEND = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern LEADER = Pattern.compile("(?m)^floe_maintain_leader(?:\\{[^}]*})? 1(?:\\.0)?$");
  private static final Pattern COMMITTED =
      Pattern.compile("(?m)^floe_compaction_commits_total\\{[^}]*outcome=\"committed\"[^}]*} ([0-9.eE+]+)$");
  private static final Pattern BACKLOG = Pattern.compile("(?m)^floe_wal_backlog_segments\\{[^}]*} ([0-9.eE+]+)$");

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final List<FloeProcess> processes = new ArrayList<>();
  private final Path logDir = Path.of(System.getProperty("floe.topology.dir", "target/compose-topology"));
  private final long baseNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.MINUTES.toNanos(10);
  private int sends;

  @AfterEach
  void stopEverything() throws Exception {
    Exception failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void everyRecordSentToBothIngestsReadsBackOnceAfterTheMaintainLeaderIsKilled() throws Exception {
    Map<String, Map<String, Object>> compose = DeployFiles.floeComposeServices();
    S3ProxyServer s3 = S3ProxyServer.start(bucketOf(compose));
    resources.push(() -> NessieServer.stopWarehouse(s3));
    NessieServer nessie = NessieServer.start(s3);
    resources.push(nessie);
    Map<String, String> hosts = Map.of(
        "http://minio:9000", s3.endpoint().toString(),
        "http://nessie:19120", "http://127.0.0.1:" + nessie.icebergUri().getPort());

    Map<String, String> mains = DeployFiles.launcherMainClasses();
    Map<String, List<FloeProcess>> byKind = new HashMap<>();
    Map<String, Map<String, Integer>> ports = new HashMap<>();
    compose.forEach((name, service) -> {
      String kind = DeployFiles.floeService(service);
      Map<String, String> env = localEnvironment(name, service, hosts, s3);
      Map<String, Integer> listeners = ServiceConfigs.of(kind).listenerPorts(env);
      ports.put(name, listeners);
      FloeProcess process = FloeProcess.start(name, mains.get(kind), env, listeners.get("admin"), logDir);
      resources.push(process);
      processes.add(process);
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(process);
    });
    assertThat(byKind.get("ingest")).hasSize(2);
    assertThat(byKind.get("maintain")).hasSize(2);
    assertThat(byKind.get("query")).hasSize(1);
    for (FloeProcess process : processes) {
      await(process.name() + " ready", () -> process.admin("/ready").status() == 200);
    }
    FloeProcess ingest1 = byKind.get("ingest").get(0);
    assertThat(launcherReady(ingest1.adminPort())).as("the compose health check `floe ready` on a ready service").isZero();

    FloeProcess leader = awaitSingleLeader(byKind.get("maintain"));
    FloeProcess standby = byKind.get("maintain").get(0) == leader ? byKind.get("maintain").get(1) : byKind.get("maintain").get(0);
    List<Integer> httpPorts = byKind.get("ingest").stream().map(p -> ports.get(p.name()).get("http")).toList();

    for (int port : httpPorts) {
      send(port);
    }
    await("a first commit by the leader " + leader.name(), () -> sum(COMMITTED, leader.admin("/metrics").body()) >= 1);
    leader.kill();
    assertThat(leader.isAlive()).isFalse();
    assertThat(launcherReady(leader.adminPort())).as("the health check of a dead service").isNotZero();
    for (int port : httpPorts) {
      send(port);
    }
    await("the standby " + standby.name() + " leads", () -> LEADER.matcher(standby.admin("/metrics").body()).find());
    await("the standby compacted the whole WAL", () -> {
      String metrics = standby.admin("/metrics").body();
      return sum(COMMITTED, metrics) >= 1 && BACKLOG.matcher(metrics).find() && sum(BACKLOG, metrics) == 0;
    });

    Map<String, Integer> query = ports.get(byKind.get("query").get(0).name());
    int logs = sends * LOGS_PER_SEND;
    assertLogsExactlyOnce(query.get("loki"), logs);
    assertMetricPointsExactlyOnce(query.get("prometheus"), sends / 2 * POINTS_PER_SEND);
    assertSpansExactlyOnce(query.get("tempo"), sends * SPANS_PER_SEND);
    Catalog catalog = Catalogs.open(nessieCatalog(compose, hosts, nessie));
    if (catalog instanceof AutoCloseable closeable) {
      resources.push(closeable);
    }
    assertThat(distinctInTable(catalog, "spans", "span_id")).as("spans in Iceberg, each once").isEqualTo(sends * SPANS_PER_SEND);
    assertThat(distinctInTable(catalog, "logs", "body")).as("logs in Iceberg, each once").isEqualTo(logs);
    assertDashboardMetricsExist(ingest1, standby, byKind.get("query").get(0));
  }

  /** The compose service's environment with host names mapped to this machine and free ports. */
  private Map<String, String> localEnvironment(String name, Map<String, Object> service, Map<String, String> hosts, S3ProxyServer s3) {
    Map<String, String> env = new LinkedHashMap<>();
    DeployFiles.environment(service).forEach((key, value) -> env.put(key, mapHosts(value, hosts)));
    env.computeIfPresent("FLOE_STORAGE_S3_ACCESS_KEY", (k, v) -> s3.accessKey());
    env.computeIfPresent("FLOE_STORAGE_S3_SECRET_KEY", (k, v) -> s3.secretKey());
    env.computeIfPresent("AWS_ACCESS_KEY_ID", (k, v) -> s3.accessKey());
    env.computeIfPresent("AWS_SECRET_ACCESS_KEY", (k, v) -> s3.secretKey());
    String file = env.get("FLOE_CONFIG");
    if (file != null) {
      Path local = logDir.resolve(name + "-" + Path.of(file).getFileName());
      try {
        Files.createDirectories(logDir);
        Files.writeString(local, mapHosts(DeployFiles.read(DeployFiles.mountedFile(service, file)), hosts));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      env.put("FLOE_CONFIG", local.toAbsolutePath().toString());
    }
    ServiceConfigs config = ServiceConfigs.of(DeployFiles.floeService(service));
    for (String listener : config.listenerPorts(env).keySet()) {
      String prefix = "FLOE_" + listener.toUpperCase() + "_";
      env.put(prefix + "HOST", "127.0.0.1");
      env.put(prefix + "PORT", Integer.toString(FloeProcess.freePort()));
    }
    if (config == ServiceConfigs.MAINTAIN) {
      env.put("FLOE_LEASE_DURATION", "10s");
      env.put("FLOE_COMPACTION_INTERVAL", "1s");
    }
    return env;
  }

  private static String mapHosts(String text, Map<String, String> hosts) {
    String mapped = text;
    for (Map.Entry<String, String> host : hosts.entrySet()) {
      mapped = mapped.replace(host.getKey() + "/", host.getValue() + "/").replace(host.getKey(), host.getValue());
    }
    return mapped;
  }

  private static String bucketOf(Map<String, Map<String, Object>> compose) {
    return DeployFiles.environment(compose.values().iterator().next()).get("FLOE_STORAGE_S3_BUCKET");
  }

  /** The catalog the query service of the compose file opens, for reading the tables directly. */
  private static dev.floe.catalog.CatalogConfig nessieCatalog(
      Map<String, Map<String, Object>> compose, Map<String, String> hosts, NessieServer nessie) {
    Map<String, String> env = DeployFiles.environment(compose.get("floe-query"));
    return new dev.floe.catalog.CatalogConfig(
        "rest", env.get("FLOE_CATALOG_NAME"), env.get("FLOE_CATALOG_NAMESPACE"), mapHosts(env.get("FLOE_CATALOG_URI"), hosts),
        env.get("FLOE_CATALOG_WAREHOUSE"), "main", nessie.clientProperties());
  }

  // ---- sending -------------------------------------------------------------------------------

  /** One send to an ingest process: logs, spans and metric points, each with its own identity. */
  private void send(int httpPort) {
    int send = ++sends;
    String endpoint = "http://127.0.0.1:" + httpPort;
    Resource resource = Resource.create(Attributes.of(
        AttributeKey.stringKey("service.name"), SERVICE, AttributeKey.stringKey("service.instance.id"), "sender-" + httpPort));

    // Taken before the provider closes: closing shuts the in-memory exporter down, which empties it.
    List<LogRecordData> logs;
    InMemoryLogRecordExporter logCapture = InMemoryLogRecordExporter.create();
    try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logCapture)).build()) {
      for (int i = 0; i < LOGS_PER_SEND; i++) {
        provider.get("deploy-check").logRecordBuilder()
            .setTimestamp(baseNanos + send * 1_000_000_000L + i, TimeUnit.NANOSECONDS)
            .setBody("send " + send + " line " + i)
            .emit();
      }
      logs = logCapture.getFinishedLogRecordItems();
    }
    List<SpanData> spans;
    InMemorySpanExporter spanCapture = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
        .addSpanProcessor(SimpleSpanProcessor.create(spanCapture)).build()) {
      Tracer tracer = provider.get("deploy-check");
      for (int i = 0; i < SPANS_PER_SEND; i++) {
        Span span = tracer.spanBuilder("send " + send + " span " + i).startSpan();
        span.end();
      }
      spans = spanCapture.getFinishedSpanItems();
    }
    List<DoublePointData> points = new ArrayList<>();
    for (int i = 0; i < POINTS_PER_SEND; i++) {
      long time = baseNanos + (send * POINTS_PER_SEND + i) * 1_000_000_000L;
      points.add(ImmutableDoublePointData.create(time, time, Attributes.of(AttributeKey.stringKey("port"), "" + httpPort), 1.0));
    }
    MetricData gauge = ImmutableMetricData.createDoubleGauge(
        resource, InstrumentationScopeInfo.create("deploy-check"), "deploy_check_value", "", "", ImmutableGaugeData.create(points));

    try (OtlpHttpLogRecordExporter logExporter = OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint + "/v1/logs").setTimeout(EXPORT_TIMEOUT).build();
        OtlpHttpSpanExporter spanExporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint + "/v1/traces").setTimeout(EXPORT_TIMEOUT).build();
        OtlpHttpMetricExporter metricExporter = OtlpHttpMetricExporter.builder().setEndpoint(endpoint + "/v1/metrics").setTimeout(EXPORT_TIMEOUT).build()) {
      assertThat(logs).hasSize(LOGS_PER_SEND);
      assertThat(spans).hasSize(SPANS_PER_SEND);
      assertExported("logs", logExporter.export(logs));
      assertExported("spans", spanExporter.export(spans));
      assertExported("metrics", metricExporter.export(List.of(gauge)));
    }
  }

  private static void assertExported(String what, CompletableResultCode result) {
    assertThat(result.join(2 * EXPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS).isSuccess()).as("export of " + what + " acknowledged").isTrue();
  }

  // ---- reading back --------------------------------------------------------------------------

  private void assertLogsExactlyOnce(int lokiPort, int expected) throws Exception {
    String range = "&start=" + (baseNanos - 60_000_000_000L) + "&end=" + (System.currentTimeMillis() * 1_000_000L);
    JsonNode count = get(lokiPort, "/loki/api/v1/query?query="
        + encode("sum(count_over_time({service_name=\"" + SERVICE + "\"}[1h]))") + "&time=" + System.currentTimeMillis() * 1_000_000L);
    double total = count.at("/data/result/0/value/1").asDouble();
    assertThat(total).as("log lines counted by Loki's count_over_time").isEqualTo(expected);
    JsonNode lines = get(lokiPort, "/loki/api/v1/query_range?query=" + encode("{service_name=\"" + SERVICE + "\"}")
        + "&limit=5000&direction=forward" + range);
    List<String> bodies = new ArrayList<>();
    for (JsonNode stream : lines.at("/data/result")) {
      stream.get("values").forEach(value -> bodies.add(value.get(1).asText()));
    }
    assertThat(bodies).as("log lines read through the Loki API").hasSize(expected).doesNotHaveDuplicates();
  }

  /** Every span is a trace of its own: a TraceQL search finds each once. */
  private void assertSpansExactlyOnce(int tempoPort, int expected) throws Exception {
    JsonNode found = get(tempoPort, "/api/search?q=" + encode("{ resource.service.name = \"" + SERVICE + "\" }")
        + "&limit=1000&spss=0");
    List<String> spanIds = new ArrayList<>();
    for (JsonNode trace : found.get("traces")) {
      for (JsonNode spanSet : trace.get("spanSets")) {
        spanSet.get("spans").forEach(span -> spanIds.add(span.get("spanID").asText()));
      }
    }
    assertThat(spanIds).as("spans found through the Tempo API").hasSize(expected).doesNotHaveDuplicates();
  }

  private void assertMetricPointsExactlyOnce(int prometheusPort, int expectedPerSeries) throws Exception {
    long time = TimeUnit.NANOSECONDS.toSeconds(baseNanos) + TimeUnit.MINUTES.toSeconds(5);
    JsonNode result = get(prometheusPort, "/api/v1/query?query=" + encode("count_over_time(deploy_check_value[1h])") + "&time=" + time);
    Map<String, Double> counts = new LinkedHashMap<>();
    for (JsonNode series : result.at("/data/result")) {
      counts.put(series.get("metric").get("port").asText(), series.get("value").get(1).asDouble());
    }
    assertThat(counts).as("points per series (one series per ingest process)").hasSize(2);
    assertThat(new TreeSet<>(counts.values())).containsExactly((double) expectedPerSeries);
  }

  private static long distinctInTable(Catalog catalog, String table, String column) throws IOException {
    Table loaded = catalog.loadTable(TableIdentifier.of(Namespace.of("floe"), table));
    Set<Object> values = new HashSet<>();
    long rows = 0;
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(loaded).where(Expressions.equal("service_name", SERVICE)).select(column).build()) {
      for (Record record : records) {
        rows++;
        Object value = record.getField(column);
        values.add(value instanceof java.nio.ByteBuffer buffer ? buffer.duplicate() : value);
      }
    }
    assertThat(values).as(table + ": no " + column + " twice").hasSize((int) rows);
    return rows;
  }

  /** Every Floe metric the Grafana dashboard plots is one a service exposes. */
  private static void assertDashboardMetricsExist(FloeProcess... services) {
    StringBuilder scrapes = new StringBuilder();
    for (FloeProcess service : services) {
      scrapes.append(service.admin("/metrics").body()).append('\n');
    }
    Matcher names = Pattern.compile("floe_[a-z_]+").matcher(
        DeployFiles.read(DeployFiles.repo().resolve("deploy/grafana/dashboards/floe-overview.json")));
    Set<String> plotted = new TreeSet<>();
    while (names.find()) {
      plotted.add(names.group());
    }
    assertThat(plotted).isNotEmpty().allSatisfy(name ->
        assertThat(Pattern.compile("(?m)^" + name + "[{ ]").matcher(scrapes).find()).as("dashboard metric " + name + " is exposed").isTrue());
  }

  // ---- waiting -------------------------------------------------------------------------------

  private FloeProcess awaitSingleLeader(List<FloeProcess> maintain) {
    FloeProcess[] leader = new FloeProcess[1];
    await("one maintain leader", () -> {
      List<FloeProcess> leaders = maintain.stream().filter(p -> LEADER.matcher(p.admin("/metrics").body()).find()).toList();
      leader[0] = leaders.size() == 1 ? leaders.get(0) : null;
      return leader[0] != null;
    });
    return leader[0];
  }

  private void await(String what, BooleanSupplier condition) {
    System.out.println(java.time.LocalTime.now() + " waiting for " + what);
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      for (FloeProcess process : processes) {
        if (!process.isAlive() && !process.name().equals(killed())) {
          throw new AssertionError(process.name() + " exited while waiting for " + what + "\n" + process.tail());
        }
      }
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
    StringBuilder logs = new StringBuilder();
    processes.forEach(p -> logs.append('\n').append(p.tail()));
    throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE + logs);
  }

  private String killed() {
    return processes.stream().filter(p -> !p.isAlive()).map(FloeProcess::name).findFirst().orElse("");
  }

  private static double sum(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    double sum = 0;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(1));
    }
    return sum;
  }

  /** Runs the image's health check, {@code deploy/docker/floe ready PORT}; its exit code. */
  private static int launcherReady(int port) throws Exception {
    Process process = new ProcessBuilder("bash", DeployFiles.repo().resolve("deploy/docker/floe").toString(), "ready", "" + port)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  private static JsonNode get(int port, String pathAndQuery) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

}
