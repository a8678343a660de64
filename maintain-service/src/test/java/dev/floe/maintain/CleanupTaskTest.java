package dev.floe.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.FloeCatalog;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.Watermarks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader's WAL cleanup: which segments go, read against the watermarks committed to the table. */
class CleanupTaskTest {
  @TempDir Path dir;

  @Test
  void deletesExactlyTheCommittedSegmentsPastTheGracePeriodExceptEachShardsNewest() throws Exception {
    Path root = dir.resolve("store");
    Catalog catalog = TestTables.catalog(dir);
    Map<Signal, Table> tables = new FloeCatalog(catalog, "floe").ensureTables();
    tables.get(Signal.LOGS).updateProperties()
        .set(Watermarks.property(0), "3")
        .set(Watermarks.property(1), "2")
        .commit();
    // The configuration's grace period is 10 minutes.
    MaintainConfig config = IngestToIcebergTest.maintainConfig(dir, "cleaner", Duration.ofSeconds(1), Duration.ofSeconds(30));
    assertThat(config.cleanup().gracePeriod()).isEqualTo(Duration.ofMinutes(10));
    Instant old = Instant.now().minus(Duration.ofHours(1));

    try (LocalObjectStore store = new LocalObjectStore(root)) {
      TestWal wal = new TestWal(store, 2);
      for (long offset = 1; offset <= 4; offset++) {
        SegmentKey key = new SegmentKey(Signal.LOGS, 0, offset);
        wal.put(key, TestWal.rows("s0-" + offset, 2));
        // Offset 3 is committed but written within the grace period; 4 is above the watermark.
        if (offset != 3) {
          Files.setLastModifiedTime(root.resolve(key.path()), FileTime.from(old));
        }
      }
      for (long offset = 1; offset <= 2; offset++) {
        SegmentKey key = new SegmentKey(Signal.LOGS, 1, offset);
        wal.put(key, TestWal.rows("s1-" + offset, 2));
        Files.setLastModifiedTime(root.resolve(key.path()), FileTime.from(old));
      }
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      MaintenanceContext context = new MaintenanceContext(config, store, catalog, tables, meters, Clock.systemUTC());

      new CleanupTask(context).run(() -> true);

      // Shard 1: offset 2 is committed and old, but the newest of its shard, so it stays.
      assertThat(TestWal.offsets(store, 0)).containsExactly(3L, 4L);
      assertThat(TestWal.offsets(store, 1)).containsExactly(2L);
      assertThat(meters.counter("floe.wal.cleanup.deleted", "signal", "logs").count()).isEqualTo(3);

      // A task that no longer leads deletes nothing.
      tables.get(Signal.LOGS).updateProperties().set(Watermarks.property(0), "4").commit();
      new CleanupTask(context).run(() -> false);
      assertThat(TestWal.offsets(store, 0)).containsExactly(3L, 4L);
    }
  }
}
