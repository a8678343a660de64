package dev.floe.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.schema.Signal;
import dev.floe.store.ForwardingStore;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectListing;
import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalWriterTest {
  @TempDir Path dir;
  LocalObjectStore store;

  @BeforeEach
  void open() {
    store = new LocalObjectStore(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private List<Long> offsets(ObjectStore target, Signal signal, int shard) {
    List<Long> offsets = new ArrayList<>();
    new WalReader(target).segmentsAbove(signal, shard, 0).forEach(s -> offsets.add(s.key().offset()));
    return offsets;
  }

  @Test
  void appendsAtContiguousOffsetsStartingAtOne() throws Exception {
    WalWriter writer = new WalWriter(store, Signal.LOGS, 1, 3);
    for (int i = 0; i < 5; i++) {
      assertThat(writer.append(bytes("segment " + i)).offset()).isEqualTo(i + 1);
    }
    assertThat(offsets(store, Signal.LOGS, 0)).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(new String(store.get(new SegmentKey(Signal.LOGS, 0, 3).path()).orElseThrow().data(), StandardCharsets.UTF_8))
        .isEqualTo("segment 2");
  }

  @Test
  void competingWritersOnOneShardNeverOverwriteAndLeaveNoGaps() throws Exception {
    int writers = 6;
    int perWriter = 25;
    Set<String> written = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int id = w;
        WalWriter writer = new WalWriter(store, Signal.SPANS, 1, 3);
        done.add(pool.submit(() -> {
          for (int i = 0; i < perWriter; i++) {
            String content = "writer " + id + " segment " + i;
            SegmentKey key = writer.append(bytes(content));
            assertThat(written.add(key.path())).as("offset handed out twice: %s", key).isTrue();
            assertThat(store.get(key.path()).orElseThrow().data()).isEqualTo(bytes(content));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= writers * perWriter; i++) {
      expected.add(i);
    }
    assertThat(offsets(store, Signal.SPANS, 0)).isEqualTo(expected);
  }

  @Test
  void restartedWriterNeverReusesAnOffsetEvenAfterOlderSegmentsWereDeleted() throws Exception {
    WalWriter first = new WalWriter(store, Signal.METRICS, 2, 3);
    for (int i = 0; i < 20; i++) {
      first.append(bytes("old " + i));
    }
    long[] newest = new long[2];
    for (int shard = 0; shard < 2; shard++) {
      List<Long> offsets = offsets(store, Signal.METRICS, shard);
      newest[shard] = offsets.isEmpty() ? 0 : offsets.get(offsets.size() - 1);
      List<String> older = new ArrayList<>();
      for (long offset : offsets.subList(0, Math.max(0, offsets.size() - 1))) {
        older.add(new SegmentKey(Signal.METRICS, shard, offset).path());
      }
      store.deleteAll(older); // what cleanup does: everything but the newest of the shard
    }

    WalWriter restarted = new WalWriter(store, Signal.METRICS, 2, 3);
    for (int i = 0; i < 10; i++) {
      SegmentKey key = restarted.append(bytes("new " + i));
      assertThat(key.offset()).isGreaterThan(newest[key.shard()]);
    }
  }

  @Test
  void recoveryFindsAFarOffsetWithLogarithmicallyManyListings() throws Exception {
    store.createIfAbsent(new SegmentKey(Signal.LOGS, 0, 1_000_000).path(), bytes("far"));
    AtomicInteger listings = new AtomicInteger();
    ObjectStore counting = new ForwardingStore(store) {
      @Override
      public ObjectListing list(String prefix, String startAfter, int maxKeys) {
        listings.incrementAndGet();
        return super.list(prefix, startAfter, maxKeys);
      }
    };
    SegmentKey key = new WalWriter(counting, Signal.LOGS, 1, 3).append(bytes("next"));
    assertThat(key.offset()).isEqualTo(1_000_001);
    assertThat(listings.get()).isLessThanOrEqualTo(50);
  }

  @Test
  void aWriteWhoseAnswerWasLostIsRecognisedAsOursAndNotWrittenTwice() throws Exception {
    AtomicBoolean loseNextAnswer = new AtomicBoolean(true);
    ObjectStore lossy = new ForwardingStore(store) {
      @Override
      public Optional<String> createIfAbsent(String key, byte[] data) {
        Optional<String> result = super.createIfAbsent(key, data);
        if (loseNextAnswer.getAndSet(false)) {
          throw new ObjectStoreException("connection reset after the write landed");
        }
        return result;
      }
    };
    WalWriter writer = new WalWriter(lossy, Signal.LOGS, 1, 3);
    assertThat(writer.append(bytes("first")).offset()).isEqualTo(1);
    assertThat(writer.append(bytes("second")).offset()).isEqualTo(2);
    assertThat(offsets(store, Signal.LOGS, 0)).containsExactly(1L, 2L);
  }

  @Test
  void aStoreThatKeepsFailingFailsTheAppendWithoutMovingTheCursor() throws Exception {
    AtomicBoolean failing = new AtomicBoolean(true);
    ObjectStore broken = new ForwardingStore(store) {
      @Override
      public Optional<String> createIfAbsent(String key, byte[] data) {
        if (failing.get()) {
          throw new ObjectStoreException("store down");
        }
        return super.createIfAbsent(key, data);
      }
    };
    WalWriter writer = new WalWriter(broken, Signal.LOGS, 1, 2);
    assertThatThrownBy(() -> writer.append(bytes("lost"))).isInstanceOf(ObjectStoreException.class);
    failing.set(false);
    assertThat(writer.append(bytes("kept")).offset()).isEqualTo(1);
  }
}
