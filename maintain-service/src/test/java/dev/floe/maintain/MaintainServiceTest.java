package dev.floe.maintain;

import dev.floe.admin.ServiceMeters;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.floe.ingest.IngestService;
import dev.floe.maintain.lease.LeaderLease;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import dev.floe.wal.WalReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two maintain instances on one store and catalog: one leads, and the other takes over when it goes. */
class MaintainServiceTest {
  @TempDir Path dir;

  private MaintainService start(String instance, ObjectStore store, Duration lease) {
    return start(instance, store, lease, new AtomicInteger());
  }

  /** Starts an instance with one more task, which counts its runs. */
  private MaintainService start(String instance, ObjectStore store, Duration lease, AtomicInteger runs) {
    MaintenanceTask.Factory counting =
        context ->
            new MaintenanceTask() {
              @Override
              public String name() {
                return "counting";
              }

              @Override
              public Duration interval() {
                return Duration.ofMillis(100);
              }

              @Override
              public void run(BooleanSupplier leading) {
                assertThat(context.tables()).containsOnlyKeys(Signal.values());
                runs.incrementAndGet();
              }
            };
    return MaintainService.start(
        IngestToIcebergTest.maintainConfig(dir, instance, Duration.ofMillis(200), lease),
        store,
        TestTables.catalog(dir),
        ServiceMeters.newRegistry(),
        List.of(counting));
  }

  private static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(10);
    }
  }

  private static List<String> expected(String prefix, int count) {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bodies.add(prefix + "-" + i);
    }
    return bodies;
  }

  /** When the lease now in the store runs out, in wall-clock milliseconds. */
  private static long leaseExpiry(ObjectStore store) throws Exception {
    byte[] lease = store.get(LeaderLease.KEY).orElseThrow().data();
    return new ObjectMapper().readTree(lease).get("expiresAtMillis").asLong();
  }

  @Test
  void onlyTheLeaderCompactsAndAGracefulStopHandsOverAtOnce() throws Exception {
    // Long enough that a follower which leads before the stopped leader's lease ran out can only have
    // found it released; the follower tries every third of it.
    Duration lease = Duration.ofSeconds(30);
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    AtomicInteger aRuns = new AtomicInteger();
    AtomicInteger bRuns = new AtomicInteger();
    MaintainService a = start("a", store, lease, aRuns);
    MaintainService b = null;
    try {
      waitFor(a::isLeader, Duration.ofSeconds(30));
      b = start("b", store, lease, bRuns);
      assertThat(b.adminPort()).isPositive();
      TestWal wal = new TestWal(store, 2);
      wal.append("first", 40);
      Table logs = TestTables.load(dir, Signal.LOGS);
      waitFor(() -> TestTables.bodies(logs).size() == 40, Duration.ofSeconds(60));
      waitFor(() -> aRuns.get() > 0, Duration.ofSeconds(60));
      assertThat(b.isLeader()).isFalse();
      // Registered tasks run on the leader only.
      assertThat(bRuns.get()).isZero();
      assertThat(IngestToIcebergTest.get("http://127.0.0.1:" + b.adminPort() + "/metrics")).contains("floe_maintain_leader 0.0");

      long expiry = leaseExpiry(store);
      a.stop();
      MaintainService follower = b;
      waitFor(follower::isLeader, lease.multipliedBy(2));
      // A released lease is taken on the follower's next attempt, before the old one would have expired.
      assertThat(System.currentTimeMillis()).isLessThan(expiry);

      wal.append("second", 40);
      waitFor(() -> TestTables.bodies(logs).size() == 80, Duration.ofSeconds(60));
      waitFor(() -> bRuns.get() > 0, Duration.ofSeconds(60));
      List<String> all = expected("first", 40);
      all.addAll(expected("second", 40));
      assertThat(TestTables.bodies(logs)).containsExactlyInAnyOrderElementsOf(all);
    } finally {
      a.stop();
      if (b != null) {
        b.stop();
      }
    }
  }

  @Test
  void aLeaderCutOffFromTheStoreIsReplaced() throws Exception {
    Duration lease = Duration.ofSeconds(6);
    PartitionableStore partitioned = new PartitionableStore(new LocalObjectStore(dir.resolve("store")));
    MaintainService a = start("a", partitioned, lease);
    MaintainService b = null;
    try {
      waitFor(a::isLeader, Duration.ofSeconds(30));
      b = start("b", new LocalObjectStore(dir.resolve("store")), lease);
      Thread.sleep(500);
      assertThat(b.isLeader()).isFalse();

      partitioned.cut();
      long deadline = System.nanoTime() + lease.plusSeconds(60).toNanos();
      // Sample the new leader first: if it leads, its lease began after the old one's ended.
      while (!b.isLeader()) {
        boolean bothLead = b.isLeader() && a.isLeader();
        assertThat(bothLead).isFalse();
        assertThat(System.nanoTime()).as("follower leads after the leader was cut off").isLessThan(deadline);
        Thread.sleep(5);
      }
      assertThat(a.isLeader()).isFalse();

      new TestWal(new LocalObjectStore(dir.resolve("store")), 2).append("after", 30);
      Table logs = TestTables.load(dir, Signal.LOGS);
      waitFor(() -> TestTables.bodies(logs).size() == 30, Duration.ofSeconds(60));
    } finally {
      a.stop();
      if (b != null) {
        b.stop();
      }
    }
  }

  @Test
  void theLeaderRunsTheLifecycleTasksAfterCompaction() throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    // The test WAL's rows are from 2023: a 30-day retention drops them once they are compacted.
    MaintainService service =
        MaintainService.start(
            IngestToIcebergTest.maintainConfig(dir, "solo", Duration.ofMillis(200), Duration.ofSeconds(6), 30),
            store,
            TestTables.catalog(dir),
            ServiceMeters.newRegistry());
    try {
      waitFor(service::isLeader, Duration.ofSeconds(30));
      new TestWal(store, 2).append("old", 25);
      String metrics = "http://127.0.0.1:" + service.adminPort() + "/metrics";
      waitFor(
          () -> {
            try {
              return IngestToIcebergTest.get(metrics).contains("floe_retention_deleted_records_total{signal=\"logs\"} 25.0");
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          },
          Duration.ofSeconds(60));
      assertThat(TestTables.bodies(TestTables.load(dir, Signal.LOGS))).isEmpty();
      // Retention works on the table; the WAL is cleanup's, which keeps each shard's newest segment.
      assertThat(new WalReader(store).shards(Signal.LOGS)).isNotEmpty();
    } finally {
      service.stop();
    }
  }
}
