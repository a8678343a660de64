package dev.floe.maintain;

import dev.floe.admin.ServiceMeters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.FloeCatalog;
import dev.floe.config.StorageConfig;
import dev.floe.config.WalConfig;
import dev.floe.ingest.IngestConfig;
import dev.floe.ingest.IngestService;
import dev.floe.maintain.cleanup.CleanupConfig;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.lease.LeaseConfig;
import dev.floe.maintain.lifecycle.LifecycleConfig;
import dev.floe.maintain.lifecycle.RetentionConfig;
import dev.floe.maintain.lifecycle.RetentionTask;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import dev.floe.store.S3ProxyServer;
import dev.floe.wal.WalReader;
import dev.floe.wal.Watermarks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTLP in through the real ingest service, Iceberg out through the catalog, read by Iceberg's reader. */
class IngestToIcebergTest {
  @TempDir Path dir;

  static IngestConfig ingestConfig() {
    IngestConfig d = IngestConfig.defaults();
    IngestConfig.Listener local = new IngestConfig.Listener("127.0.0.1", 0);
    return new IngestConfig(
        "ingest-test", local, local, local, "default", d.storage(), new WalConfig(2, 1, 4), d.batch(), d.limits(),
        d.mapping(), Duration.ofSeconds(10), d.authEnabled(), d.tls(), d.readiness());
  }

  /** Keeps data forever: these tests write days long past, which the default retention would drop. */
  static MaintainConfig maintainConfig(Path dir, String instance, Duration interval, Duration lease) {
    return maintainConfig(dir, instance, interval, lease, 0);
  }

  static MaintainConfig maintainConfig(Path dir, String instance, Duration interval, Duration lease, int retentionDays) {
    LifecycleConfig lifecycle = LifecycleConfig.defaults();
    return new MaintainConfig(
        instance,
        new MaintainConfig.Listener("127.0.0.1", 0),
        StorageConfig.local(dir.resolve("store").toString()),
        CatalogConfig.embedded(dir.toString()),
        new WalConfig(2, 1, 4),
        new CompactionConfig(interval, 128L << 20, 256L << 20, 500_000),
        new LeaseConfig(lease),
        new CleanupConfig(Duration.ofSeconds(1), Duration.ofMinutes(10)),
        new LifecycleConfig(
            new RetentionConfig(true, Duration.ofMillis(200), retentionDays, Map.of(), Map.of()),
            lifecycle.snapshots(),
            lifecycle.orphanFiles(),
            lifecycle.rewrite()),
        Duration.ofSeconds(20),
        dev.floe.server.TlsConfig.none());
  }

  private static List<String> bodies(String prefix, int count) {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bodies.add(prefix + "-" + i);
    }
    return bodies;
  }

  /** One compaction cycle of every signal, as the leader runs it. */
  private void compactOnce(ObjectStore store, Catalog catalog) {
    MaintainConfig config = maintainConfig(dir, "cycle", Duration.ofSeconds(1), Duration.ofSeconds(30));
    Map<Signal, Table> tables = new FloeCatalog(catalog, "floe").ensureTables();
    MaintenanceContext context =
        new MaintenanceContext(config, store, catalog, tables, ServiceMeters.newRegistry(), Clock.systemUTC());
    new CompactionTask(context).run(() -> true);
  }

  @Test
  void everySignalSentOverOtlpIsInIcebergExactlyOnceAfterOneCycle() {
    try (LocalObjectStore store = new LocalObjectStore(dir.resolve("store"))) {
      ingestAndCompactEverySignal(store);
    }
  }

  @Test
  void retentionRunsOnEveryTable() {
    try (LocalObjectStore store = new LocalObjectStore(dir.resolve("store"))) {
      ingestAndCompactEverySignal(store);
      Catalog catalog = TestTables.catalog(dir);
      Map<Signal, Table> tables = new FloeCatalog(catalog, "floe").ensureTables();
      Map<Signal, Integer> rows = new java.util.EnumMap<>(Signal.class);
      tables.forEach((signal, table) -> rows.put(signal, TestTables.rows(table).size()));
      assertThat(rows.values()).allSatisfy(count -> assertThat(count).isPositive());
      // A year on, a one-day retention drops every row of every table.
      Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(365)), ZoneOffset.UTC);
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      MaintenanceContext context = new MaintenanceContext(
          maintainConfig(dir, "retention", Duration.ofSeconds(1), Duration.ofSeconds(30)), store, catalog, tables, meters, later);
      RetentionConfig oneDay = new RetentionConfig(true, Duration.ofHours(1), 1, Map.of(), Map.of());

      new TableTaskRunner(new RetentionTask(oneDay), Duration.ofHours(1), context).run(() -> true);

      for (Signal signal : Signal.values()) {
        assertThat(TestTables.rows(tables.get(signal))).as(signal.id()).isEmpty();
        assertThat(meters.get("floe.retention.deleted.records").tag("signal", signal.id()).counter().count())
            .as(signal.id()).isEqualTo(rows.get(signal).doubleValue());
      }
      assertThat(meters.find("floe.retention.failures").counters()).isEmpty();
    }
  }

  @Test
  void logsGoThroughAnS3Wal() {
    try (S3ProxyServer s3 = S3ProxyServer.start(); ObjectStore store = s3.newStore("floe/")) {
      IngestService ingest = IngestService.start(ingestConfig(), store, ServiceMeters.newRegistry());
      try {
        OtlpClient client = new OtlpClient(ingest.httpPort());
        assertThat(client.post("/v1/logs", "team-s3", OtlpClient.logs("svc", bodies("s3", 120), null))).isEqualTo(200);
      } finally {
        ingest.stop();
      }
      compactOnce(store, TestTables.catalog(dir));
      assertThat(TestTables.bodies(TestTables.load(dir, Signal.LOGS))).containsExactlyInAnyOrderElementsOf(bodies("s3", 120));
      assertWalEmptyAboveWatermarks(store);
    }
  }

  private void ingestAndCompactEverySignal(ObjectStore store) {
    IngestService ingest = IngestService.start(ingestConfig(), store, ServiceMeters.newRegistry());
    try {
      OtlpClient client = new OtlpClient(ingest.httpPort());
      assertThat(client.post("/v1/logs", "team-a", OtlpClient.logs("checkout", bodies("pb-a", 300), null))).isEqualTo(200);
      assertThat(client.post("/v1/logs", "team-b", OtlpClient.logs("billing", bodies("pb-b", 150), null))).isEqualTo(200);
      assertThat(client.post("/v1/logs", "team-a", OtlpClient.logs("checkout", bodies("event", 10), "user.login")))
          .isEqualTo(200);
      long nanos = System.currentTimeMillis() * 1_000_000L;
      String json =
          "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"json-svc\"}}]},"
              + "\"scopeLogs\":[{\"logRecords\":["
              + "{\"timeUnixNano\":\"" + nanos + "\",\"body\":{\"stringValue\":\"json-0\"}},"
              + "{\"timeUnixNano\":\"" + (nanos + 1) + "\",\"body\":{\"stringValue\":\"json-1\"}}]}]}]}";
      assertThat(client.postJson("/v1/logs", null, json)).isEqualTo(200);
      assertThat(client.post("/v1/traces", "team-a", OtlpClient.spans("checkout", bodies("span", 40)))).isEqualTo(200);
      assertThat(client.post("/v1/metrics", "team-a", OtlpClient.gauge("checkout", "queue_depth", List.of(1.0, 2.0, 3.0))))
          .isEqualTo(200);
    } finally {
      ingest.stop();
    }

    compactOnce(store, TestTables.catalog(dir));

    List<Record> logs = TestTables.rows(TestTables.load(dir, Signal.LOGS));
    List<String> expectedLogs = new ArrayList<>();
    expectedLogs.addAll(bodies("pb-a", 300));
    expectedLogs.addAll(bodies("pb-b", 150));
    expectedLogs.addAll(bodies("event", 10));
    expectedLogs.addAll(List.of("json-0", "json-1"));
    assertThat(logs).extracting(row -> row.getField("body")).containsExactlyInAnyOrderElementsOf(expectedLogs);
    for (Record row : logs) {
      String body = (String) row.getField("body");
      String tenant = body.startsWith("pb-b") ? "team-b" : body.startsWith("json") ? "default" : "team-a";
      assertThat(row.getField("tenant_id")).as(body).isEqualTo(tenant);
      if (body.startsWith("pb-")) {
        String index = body.substring(body.lastIndexOf('-') + 1);
        assertThat(row.getField("attributes")).as(body).isEqualTo(Map.of("index", index));
        assertThat(row.getField("severity_text")).isEqualTo("INFO");
        assertThat(row.getField("timestamp_nanos")).isEqualTo(123);
      }
    }
    assertThat(TestTables.bodies(TestTables.load(dir, Signal.EVENTS))).containsExactlyInAnyOrderElementsOf(bodies("event", 10));
    assertThat(TestTables.rows(TestTables.load(dir, Signal.SPANS)))
        .extracting(row -> row.getField("name"))
        .containsExactlyInAnyOrderElementsOf(bodies("span", 40));
    assertThat(TestTables.rows(TestTables.load(dir, Signal.METRICS)))
        .extracting(row -> row.getField("value_double"))
        .containsExactlyInAnyOrder(1.0, 2.0, 3.0);
    assertWalEmptyAboveWatermarks(store);
  }

  private void assertWalEmptyAboveWatermarks(ObjectStore store) {
    WalReader wal = new WalReader(store);
    for (Signal signal : Signal.values()) {
      Watermarks watermarks = Watermarks.of(TestTables.load(dir, signal).properties());
      for (int shard : wal.shards(signal)) {
        assertThat(wal.segmentsAbove(signal, shard, watermarks.get(shard))).as(signal + " shard " + shard).isEmpty();
      }
    }
  }

  @Test
  void ingestAtFullRateWhileTheLeaderCompactsLosesAndDuplicatesNothing() throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    Catalog catalog = TestTables.catalog(dir);
    PrometheusMeterRegistry meters = ServiceMeters.newRegistry();
    MaintainService maintain =
        MaintainService.start(maintainConfig(dir, "leader", Duration.ofMillis(200), Duration.ofSeconds(30)), store, catalog, meters);
    IngestService ingest = IngestService.start(ingestConfig(), store, ServiceMeters.newRegistry());
    ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(3);
    try {
      OtlpClient client = new OtlpClient(ingest.httpPort());
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int clientId = c;
        running.add(
            clients.submit(
                () -> {
                  for (int batch = 0; sending.get(); batch++) {
                    List<String> bodies = bodies("c" + clientId + "b" + batch, 100);
                    if (client.post("/v1/logs", "tenant-" + clientId, OtlpClient.logs("load", bodies, null)) == 200) {
                      acked.addAll(bodies);
                    }
                  }
                }));
      }
      // Send until enough is acked and the leader has committed compactions meanwhile, however slow
      // the machine; a refusal (429 under load) is back-pressure the client may retry, not a loss.
      long sendDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (acked.size() < 1000 || compactionCommits(meters) < 2) {
        assertThat(System.nanoTime()).as("1000 rows acked and 2 compactions committed while sending").isLessThan(sendDeadline);
        assertThat(running).noneMatch(Future::isDone);
        Thread.sleep(50);
      }
      sending.set(false);
      for (Future<?> future : running) {
        future.get(30, TimeUnit.SECONDS);
      }
      ingest.stop();

      Table logs = TestTables.load(dir, Signal.LOGS);
      long deadline = System.currentTimeMillis() + 120_000;
      while (TestTables.rows(logs).size() < acked.size() && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      List<String> bodies = TestTables.bodies(logs);
      assertThat(new HashSet<>(bodies)).hasSize(bodies.size());
      assertThat(bodies).containsExactlyInAnyOrderElementsOf(acked);
      assertThat(logs.snapshots()).hasSizeGreaterThan(1);

      String metrics = get("http://127.0.0.1:" + maintain.adminPort() + "/metrics");
      assertThat(metrics)
          .contains("floe_maintain_leader 1.0")
          .contains("floe_compaction_rows_total{signal=\"logs\"}")
          .contains("floe_wal_backlog_segments{shard=\"0\",signal=\"logs\"}")
          .contains("floe_compaction_lag_seconds{signal=\"logs\"}")
          .contains("floe_compaction_commit_duration_seconds_count{signal=\"logs\"}");
    } finally {
      sending.set(false);
      clients.shutdownNow();
      ingest.stop();
      maintain.stop();
      store.close();
    }
  }

  private static double compactionCommits(PrometheusMeterRegistry meters) {
    Counter committed =
        meters.find("floe.compaction.commits").tags("signal", "logs", "outcome", "committed").counter();
    return committed == null ? 0 : committed.count();
  }

  static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
