package dev.floe.maintain.compaction;

import dev.floe.maintain.FaultyOperations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.maintain.TestTables;
import dev.floe.maintain.TestWal;
import dev.floe.maintain.cleanup.WalCleanup;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectInfo;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.WalReader;
import dev.floe.wal.Watermarks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every WAL row reaches Iceberg exactly once, whatever fails: a crash before the commit, a commit
 * whose answer is lost, a crash before cleanup, and two compactors that both think they lead.
 */
class ExactlyOnceTest {
  @TempDir Path dir;

  private LocalObjectStore store;
  private final List<String> written = new ArrayList<>();

  private LocalObjectStore store() {
    if (store == null) {
      store = new LocalObjectStore(dir.resolve("store"));
    }
    return store;
  }

  private void fill(TestWal wal, int segments, int rows) {
    for (int s = 0; s < segments; s++) {
      String prefix = "seg" + written.size() + "x" + s;
      wal.append(prefix, rows);
      for (int i = 0; i < rows; i++) {
        written.add(prefix + "-" + i);
      }
    }
  }

  private Compactor compactor(Table table, SimpleMeterRegistry meters) {
    return new Compactor(
        Signal.LOGS, table, store(), 2, CompactionConfig.defaults(), new CompactionMetrics(meters, Signal.LOGS), Clock.systemUTC());
  }

  private Compactor compactor(Table table) {
    return compactor(table, new SimpleMeterRegistry());
  }

  /** The table holds every written row once, and the WAL holds nothing above the watermark. */
  private void assertExactlyOnce() {
    Table fresh = TestTables.load(dir, Signal.LOGS);
    List<String> bodies = TestTables.bodies(fresh);
    assertThat(new HashSet<>(bodies)).hasSize(bodies.size());
    assertThat(bodies).containsExactlyInAnyOrderElementsOf(written);
    Watermarks watermarks = Watermarks.of(fresh.properties());
    WalReader wal = new WalReader(store());
    for (int shard : wal.shards(Signal.LOGS)) {
      assertThat(wal.segmentsAbove(Signal.LOGS, shard, watermarks.get(shard))).isEmpty();
    }
  }

  @Test
  void crashAfterTheFilesAreWrittenButBeforeTheCommit() {
    fill(new TestWal(store(), 2), 6, 30);
    Table crashing =
        FaultyOperations.wrap(
            TestTables.load(dir, Signal.LOGS),
            new FaultyOperations.Fault() {
              @Override
              public void beforeCommit(TableMetadata base) {
                throw new IllegalStateException("simulated crash before the catalog commit");
              }
            });

    CompactionResult crashed = compactor(crashing).compact(() -> true);

    assertThat(crashed.commits()).isZero();
    // The crashed attempt left its files behind, unreferenced: orphan cleanup's job, not a duplicate.
    assertThat(TestTables.dataFilesOnDisk(dir, Signal.LOGS)).isNotEmpty();
    assertThat(TestTables.bodies(TestTables.load(dir, Signal.LOGS))).isEmpty();

    CompactionResult restarted = compactor(TestTables.load(dir, Signal.LOGS)).compact(() -> true);

    assertThat(restarted.commits()).isEqualTo(1);
    assertExactlyOnce();
  }

  @Test
  void aRejectedCommitDeletesItsFilesAndTheNextCompactorCommits() {
    fill(new TestWal(store(), 2), 4, 20);
    Table rejecting =
        FaultyOperations.wrap(
            TestTables.load(dir, Signal.LOGS),
            new FaultyOperations.Fault() {
              @Override
              public void beforeCommit(TableMetadata base) {
                throw new CommitFailedException("simulated: the catalog refused the swap");
              }
            });
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    CompactionResult rejected = compactor(rejecting, meters).compact(() -> true);

    assertThat(rejected.commits()).isZero();
    assertThat(meters.counter("floe.compaction.commits", "signal", "logs", "outcome", "rejected").count()).isEqualTo(3);
    assertThat(TestTables.dataFilesOnDisk(dir, Signal.LOGS)).isEmpty();

    compactor(TestTables.load(dir, Signal.LOGS)).compact(() -> true);
    assertExactlyOnce();
  }

  @Test
  void aCommitThatLandedButWhoseAnswerWasLostIsNotRepeated() {
    fill(new TestWal(store(), 2), 4, 20);
    Table lostAnswer =
        FaultyOperations.wrap(
            TestTables.load(dir, Signal.LOGS),
            new FaultyOperations.Fault() {
              @Override
              public void afterCommit() {
                throw new CommitStateUnknownException(new RuntimeException("simulated: connection reset after the swap"));
              }
            });
    Compactor compactor = compactor(lostAnswer);

    CompactionResult unknown = compactor.compact(() -> true);
    assertThat(unknown.commits()).isZero();

    // The files of the landed commit must still be there (they are referenced now) and nothing is
    // compacted twice: the next run reads the watermark and finds nothing to do.
    CompactionResult again = compactor(TestTables.load(dir, Signal.LOGS)).compact(() -> true);
    assertThat(again.commits()).isZero();
    assertThat(again.caughtUp()).isTrue();
    assertExactlyOnce();
  }

  @Test
  void crashAfterTheCommitButBeforeCleanup() {
    TestWal wal = new TestWal(store(), 2);
    fill(wal, 6, 10);
    compactor(TestTables.load(dir, Signal.LOGS)).compact(() -> true);

    // Restarted: the segments are all still in the WAL, but the watermark covers them.
    Table table = TestTables.load(dir, Signal.LOGS);
    assertThat(compactor(table).compact(() -> true).commits()).isZero();
    assertExactlyOnce();

    int deleted =
        new WalCleanup(store(), Duration.ZERO, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)), new SimpleMeterRegistry())
            .clean(Signal.LOGS, Watermarks.of(table.properties()));

    assertThat(deleted).isEqualTo(4); // six segments, the newest of each of the two shards stays
    for (int shard = 0; shard < 2; shard++) {
      List<ObjectInfo> left = store().listAll(SegmentKey.shardPrefix(Signal.LOGS, shard), "");
      assertThat(left).hasSize(1);
      assertThat(SegmentKey.parse(left.get(0).key()).orElseThrow().offset()).isEqualTo(3);
    }
    assertThat(compactor(TestTables.load(dir, Signal.LOGS)).compact(() -> true).commits()).isZero();
    assertExactlyOnce();

    // Ingest goes on above the kept segments, and compaction with it.
    fill(wal, 2, 10);
    compactor(TestTables.load(dir, Signal.LOGS)).compact(() -> true);
    assertExactlyOnce();
  }

  @Test
  void aStaleLeaderCannotCommitOffsetsThatAnotherLeaderCommitted() {
    fill(new TestWal(store(), 2), 4, 25);
    Compactor otherLeader = compactor(TestTables.load(dir, Signal.LOGS));
    AtomicBoolean once = new AtomicBoolean();
    Table stale =
        FaultyOperations.wrap(
            TestTables.load(dir, Signal.LOGS),
            new FaultyOperations.Fault() {
              @Override
              public void beforeCommit(TableMetadata base) {
                // Right before the stale leader's commit, the new leader compacts the same segments.
                if (once.compareAndSet(false, true)) {
                  assertThat(otherLeader.compact(() -> true).commits()).isEqualTo(1);
                }
              }
            });
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    CompactionResult result = compactor(stale, meters).compact(() -> true);

    assertThat(result.commits()).isZero();
    assertThat(result.caughtUp()).isTrue();
    assertThat(meters.counter("floe.compaction.commits", "signal", "logs", "outcome", "rejected").count()).isEqualTo(1);
    // The stale leader deleted what it wrote: only the other leader's files remain.
    assertThat(TestTables.dataFilesOnDisk(dir, Signal.LOGS)).hasSameSizeAs(CompactorTest.dataFiles(TestTables.load(dir, Signal.LOGS)));
    assertExactlyOnce();
  }

  @Test
  void aWatermarkMovedWithoutNewDataFilesAlsoRejectsTheCommit() {
    fill(new TestWal(store(), 1), 3, 10);
    Table other = TestTables.load(dir, Signal.LOGS);
    AtomicBoolean once = new AtomicBoolean();
    Table stale =
        FaultyOperations.wrap(
            TestTables.load(dir, Signal.LOGS),
            new FaultyOperations.Fault() {
              @Override
              public void beforeCommit(TableMetadata base) {
                // A commit that moves the watermark and adds no data file: Iceberg's data
                // validation cannot see it, the watermark guard must.
                if (once.compareAndSet(false, true)) {
                  other.updateProperties().set(Watermarks.property(0), "3").commit();
                }
              }
            });
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    CompactionResult result = compactor(stale, meters).compact(() -> true);

    assertThat(result.commits()).isZero();
    assertThat(meters.counter("floe.compaction.commits", "signal", "logs", "outcome", "rejected").count()).isEqualTo(1);
    Table fresh = TestTables.load(dir, Signal.LOGS);
    assertThat(TestTables.bodies(fresh)).isEmpty();
    assertThat(Watermarks.of(fresh.properties()).get(0)).isEqualTo(3);
    assertThat(TestTables.dataFilesOnDisk(dir, Signal.LOGS)).isEmpty();
  }

  @Test
  void twoCompactorsRacingWhileIngestWritesLoseAndDuplicateNothing() throws Exception {
    TestWal wal = new TestWal(store(), 2);
    fill(wal, 4, 20);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(3);
    CountDownLatch started = new CountDownLatch(2);
    try {
      Future<?> writer =
          threads.submit(
              () -> {
                for (int round = 0; round < 30; round++) {
                  fill(wal, 1, 20);
                  sleep(20);
                }
                writing.set(false);
                return null;
              });
      List<Future<Integer>> racers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Compactor compactor = compactor(TestTables.load(dir, Signal.LOGS));
        racers.add(
            threads.submit(
                () -> {
                  started.countDown();
                  started.await();
                  int commits = 0;
                  while (writing.get()) {
                    commits += compactor.compact(() -> true).commits();
                  }
                  return commits;
                }));
      }
      writer.get(60, TimeUnit.SECONDS);
      int commits = 0;
      for (Future<Integer> racer : racers) {
        commits += racer.get(60, TimeUnit.SECONDS);
      }
      assertThat(commits).isPositive();
    } finally {
      threads.shutdownNow();
    }
    compactor(TestTables.load(dir, Signal.LOGS)).compact(() -> true);
    assertExactlyOnce();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
