package dev.floe.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.maintain.lifecycle.OrphanFileRemoval;
import dev.floe.maintain.lifecycle.OrphanFilesConfig;
import dev.floe.maintain.lifecycle.RetentionConfig;
import dev.floe.maintain.lifecycle.RetentionTask;
import dev.floe.maintain.lifecycle.RewriteConfig;
import dev.floe.maintain.lifecycle.SmallFileRewrite;
import dev.floe.maintain.lifecycle.TableData;
import dev.floe.maintain.lifecycle.TaskResult;
import dev.floe.schema.Signal;
import dev.floe.store.S3ObjectStore;
import dev.floe.store.S3ProxyServer;
import dev.floe.wal.Watermarks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Floe's catalog code and lifecycle tasks against a real Nessie server, through its Iceberg REST
 * endpoint and its native API, with the warehouse in S3Proxy.
 */
class NessieCatalogTest {
  private static S3ProxyServer s3;
  private static NessieServer nessie;

  private final List<Catalog> opened = new ArrayList<>();
  private final Random random = new Random(7);

  @BeforeAll
  static void start() {
    s3 = S3ProxyServer.start();
    nessie = NessieServer.start(s3);
  }

  @AfterAll
  static void stop() {
    if (nessie != null) {
      nessie.close();
    }
    if (s3 != null) {
      NessieServer.stopWarehouse(s3);
    }
  }

  @AfterEach
  void closeCatalogs() throws IOException {
    // Closing a catalog closes its tables' S3 clients, whose pooled connections would hold up S3Proxy's stop.
    for (Catalog catalog : opened) {
      if (catalog instanceof Closeable closeable) {
        closeable.close();
      }
    }
  }

  @Test
  void createsTheTablesAndCommitsDataThroughTheIcebergRestEndpoint() {
    Catalog catalog = open(nessie.restCatalog("rest"));
    Map<Signal, Table> tables = new FloeCatalog(catalog, "rest").ensureTables();
    assertThat(tables).containsOnlyKeys(Signal.values());
    Table logs = tables.get(Signal.LOGS);
    assertThat(logs.location()).startsWith(nessie.warehouseLocation() + "/");
    assertThat(logs.io()).isInstanceOf(S3FileIO.class);

    List<Record> rows = TableData.logRows(logs, "a", Instant.now(), 50, random);
    logs.newAppend().appendFile(TableData.write(logs, rows)).commit();

    Catalog second = open(nessie.restCatalog("rest"));
    FloeCatalog floe = new FloeCatalog(second, "rest");
    Table reloaded = second.loadTable(floe.identifier(Signal.LOGS));
    assertThat(reloaded.currentSnapshot().snapshotId()).isEqualTo(logs.currentSnapshot().snapshotId());
    assertThat(TableData.contents(reloaded)).isEqualTo(TableData.texts(rows));
    assertThat(floe.ensureTables()).as("the existing tables pass Floe's checks").hasSize(Signal.values().length);
  }

  @Test
  void compactionCommitsTheWalThroughTheRestEndpointExactlyOnce() {
    Catalog catalog = open(nessie.restCatalog("compaction"));
    Table logs = new FloeCatalog(catalog, "compaction").ensureTables().get(Signal.LOGS);
    // The WAL lives in the same S3 server as the warehouse, under its own prefix.
    S3ObjectStore store = s3.newStore("wal-store");
    try {
      TestWal wal = new TestWal(store, 2);
      wal.append("nessie-a", 30);
      wal.append("nessie-b", 20);
      Compactor compactor =
          new Compactor(
              Signal.LOGS, logs, store, 2, CompactionConfig.defaults(),
              new CompactionMetrics(new SimpleMeterRegistry(), Signal.LOGS), Clock.systemUTC());
      assertThat(compactor.compact(() -> true).rows()).isEqualTo(50);
      assertThat(compactor.compact(() -> true).rows()).as("nothing is committed twice").isZero();

      Catalog other = open(nessie.restCatalog("compaction"));
      Table reloaded = other.loadTable(new FloeCatalog(other, "compaction").identifier(Signal.LOGS));
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        expected.add("nessie-a-" + i);
      }
      for (int i = 0; i < 20; i++) {
        expected.add("nessie-b-" + i);
      }
      assertThat(TestTables.bodies(reloaded)).containsExactlyInAnyOrderElementsOf(expected);
      Watermarks watermarks = Watermarks.of(reloaded.properties());
      assertThat(watermarks.get(0) + watermarks.get(1)).as("both segments are under the watermarks").isEqualTo(2);
    } finally {
      store.close();
    }
  }

  @Test
  void theNativeNessieApiSeesAndCommitsToTheSameTables() {
    Catalog rest = open(nessie.restCatalog("native"));
    Table viaRest = new FloeCatalog(rest, "native").ensureTables().get(Signal.LOGS);
    List<Record> first = TableData.logRows(viaRest, "a", Instant.now(), 10, random);
    viaRest.newAppend().appendFile(TableData.write(viaRest, first)).commit();

    Catalog nativeApi = open(nessie.nessieCatalog("native"));
    FloeCatalog floe = new FloeCatalog(nativeApi, "native");
    Table viaNative = nativeApi.loadTable(floe.identifier(Signal.LOGS));
    assertThat(TableData.contents(viaNative)).isEqualTo(TableData.texts(first));
    List<Record> second = TableData.logRows(viaNative, "b", Instant.now(), 10, random);
    viaNative.newAppend().appendFile(TableData.write(viaNative, second)).commit();

    List<Record> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(TableData.contents(viaRest)).isEqualTo(TableData.texts(all));
  }

  @Test
  void lifecycleTasksCommitThroughTheRestEndpoint() {
    Catalog catalog = open(nessie.restCatalog("lifecycle"));
    Table logs = new FloeCatalog(catalog, "lifecycle").ensureTables().get(Signal.LOGS);
    Instant now = Instant.now();
    List<Record> kept = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<Record> rows = TableData.logRows(logs, "a", now, 20, random);
      logs.newAppend().appendFile(TableData.write(logs, rows)).commit();
      kept.addAll(rows);
    }
    List<Record> expired = TableData.logRows(logs, "a", now.minus(Duration.ofDays(40)), 20, random);
    logs.newAppend().appendFile(TableData.write(logs, expired)).commit();

    TaskResult retention = new RetentionTask(RetentionConfig.defaults()).run(logs, Signal.LOGS, now);
    assertThat(retention.count(RetentionTask.DELETED_RECORDS)).isEqualTo(20);
    TaskResult rewrite = new SmallFileRewrite(RewriteConfig.defaults()).run(logs, Signal.LOGS, now);
    assertThat(rewrite.status()).isEqualTo(TaskResult.Status.CHANGED);
    assertThat(rewrite.count(SmallFileRewrite.REWRITTEN_FILES)).isEqualTo(5);
    assertThat(TableData.dataFiles(logs)).hasSize(1);
    assertThat(TableData.contents(logs)).isEqualTo(TableData.texts(kept));

    // Nessie's table metadata holds only the head's snapshot: the files of earlier Nessie commits
    // (their metadata files, manifests, and the data files that retention and the rewrite replaced)
    // are orphans to Iceberg. Ten days later all are old enough; the listing goes through S3FileIO.
    assertThat(logs.snapshots()).hasSize(1);
    TaskResult orphans =
        new OrphanFileRemoval(OrphanFilesConfig.defaults(), List.of("s3://" + s3.bucket() + "/wal/"))
            .run(logs, Signal.LOGS, now.plus(Duration.ofDays(10)));
    assertThat(orphans.status()).isEqualTo(TaskResult.Status.CHANGED);
    assertThat(orphans.count(OrphanFileRemoval.DELETED_FILES)).isGreaterThanOrEqualTo(6);
    Catalog other = open(nessie.restCatalog("lifecycle"));
    Table reloaded = other.loadTable(new FloeCatalog(other, "lifecycle").identifier(Signal.LOGS));
    assertThat(TableData.contents(reloaded)).isEqualTo(TableData.texts(kept));
  }

  private Catalog open(CatalogConfig config) {
    Catalog catalog = Catalogs.open(config);
    opened.add(catalog);
    return catalog;
  }
}
