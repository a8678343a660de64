package dev.floe.maintain;

import dev.floe.schema.Signal;
import dev.floe.store.ObjectInfo;
import dev.floe.store.ObjectStore;
import dev.floe.wal.SegmentEncoder;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.WalRows;
import dev.floe.wal.WalWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.data.Record;

/** Writes log segments into a WAL with the real writer and encoder; every row's body is unique. */
public final class TestWal {
  /** 2023-11-14T22:13:20Z in microseconds. */
  public static final long DAY_ONE_MICROS = 1_700_000_000_000_000L;
  public static final long DAY_MICROS = 86_400_000_000L;

  private static final AtomicLong SEGMENTS = new AtomicLong();

  private final ObjectStore store;
  private final WalWriter writer;
  private final SegmentEncoder encoder = new SegmentEncoder(Signal.LOGS.table(), 1);

  public TestWal(ObjectStore store, int shards) {
    this.store = store;
    this.writer = new WalWriter(store, Signal.LOGS, shards, 3);
  }

  /**
   * Appends one segment of {@code count} rows with bodies {@code prefix-0 ...}, spread over two
   * tenants, two days and three streams.
   */
  public SegmentKey append(String prefix, int count) {
    return append(rows(prefix, count));
  }

  public synchronized SegmentKey append(List<Record> rows) {
    try {
      return writer.append(encode(rows));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes a segment at a chosen offset, bypassing the writer's offset protocol. */
  public void put(SegmentKey key, List<Record> rows) {
    if (store.createIfAbsent(key.path(), encode(rows)).isEmpty()) {
      throw new IllegalStateException(key.path() + " exists");
    }
  }

  public byte[] encode(List<Record> rows) {
    synchronized (encoder) {
      return encoder.encode(new ArrayList<>(rows), Map.of(SegmentEncoder.WRITER_KEY, "test-" + SEGMENTS.incrementAndGet()));
    }
  }

  /** The offsets of the log segments of a shard, in order. */
  public static List<Long> offsets(ObjectStore store, int shard) {
    return store.listAll(SegmentKey.shardPrefix(Signal.LOGS, shard), "").stream()
        .map(ObjectInfo::key)
        .flatMap(key -> SegmentKey.parse(key).stream())
        .map(SegmentKey::offset)
        .toList();
  }

  public static List<Record> rows(String prefix, int count) {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String tenant = i % 2 == 0 ? "tenant-a" : "tenant-b";
      long time = DAY_ONE_MICROS + (i % 4 < 2 ? 0 : DAY_MICROS) + i;
      rows.add(WalRows.log(tenant, (i * 7L) % 3, time, prefix + "-" + i));
    }
    return rows;
  }
}
