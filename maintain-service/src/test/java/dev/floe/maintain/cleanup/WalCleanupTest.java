package dev.floe.maintain.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.maintain.MutableClock;
import dev.floe.maintain.TestWal;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.Watermarks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalCleanupTest {
  @TempDir Path dir;


  @Test
  void deletesCommittedSegmentsAfterTheGracePeriodAndKeepsTheNewestOfEachShard() {
    LocalObjectStore store = new LocalObjectStore(dir);
    TestWal wal = new TestWal(store, 1);
    for (long offset = 1; offset <= 4; offset++) {
      wal.put(new SegmentKey(Signal.LOGS, 0, offset), TestWal.rows("s0", 2));
    }
    for (long offset = 1; offset <= 2; offset++) {
      wal.put(new SegmentKey(Signal.LOGS, 1, offset), TestWal.rows("s1", 2));
    }
    store.createIfAbsent("wal/logs/0/.tmp-upload", new byte[] {1});
    Watermarks watermarks = new Watermarks(Map.of(0, 3L, 1, 2L));
    MutableClock clock = new MutableClock(System.currentTimeMillis());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    WalCleanup cleanup = new WalCleanup(store, Duration.ofMinutes(10), clock, meters);

    assertThat(cleanup.clean(Signal.LOGS, watermarks)).isZero(); // all younger than the grace period

    clock.advance(Duration.ofMinutes(11));
    assertThat(cleanup.clean(Signal.LOGS, watermarks)).isEqualTo(4);

    // Shard 0: 4 is above the watermark. Shard 1: 2 is committed but the newest, so it stays.
    assertThat(TestWal.offsets(store, 0)).containsExactly(4L);
    assertThat(TestWal.offsets(store, 1)).containsExactly(2L);
    assertThat(store.head("wal/logs/0/.tmp-upload")).isPresent();
    assertThat(meters.counter("floe.wal.cleanup.deleted", "signal", "logs").count()).isEqualTo(4);
    assertThat(cleanup.clean(Signal.LOGS, watermarks)).isZero();
  }
}
