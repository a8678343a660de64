package dev.floe.maintain.cleanup;

import dev.floe.schema.Signal;
import dev.floe.store.ObjectInfo;
import dev.floe.store.ObjectStore;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.WalReader;
import dev.floe.wal.Watermarks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes WAL segments that compaction has committed, once they are older than the grace period.
 *
 * <p>A segment goes when its offset is at or below its table's watermark (its rows are in Iceberg)
 * and it was written more than {@code gracePeriod} ago (a query that read the previous watermark may
 * still be reading it). The newest segment of every shard always stays, committed or not: ingest
 * replicas find the next free offset by listing, and an empty shard would let a restarted replica
 * write an offset again that compaction already committed, which would lose those rows.
 */
public final class WalCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(WalCleanup.class);
  private static final int DELETE_BATCH = 1000;

  private final ObjectStore store;
  private final WalReader wal;
  private final Duration gracePeriod;
  private final Clock clock;
  private final MeterRegistry meters;

  public WalCleanup(ObjectStore store, Duration gracePeriod, Clock clock, MeterRegistry meters) {
    this.store = store;
    this.wal = new WalReader(store);
    this.gracePeriod = gracePeriod;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Deletes the committed, expired segments of one signal.
   *
   * @param watermarks the signal's table watermarks, read after the segments they cover were committed
   * @return how many segments were deleted
   */
  public int clean(Signal signal, Watermarks watermarks) {
    Instant cutoff = clock.instant().minus(gracePeriod);
    int count = 0;
    for (int shard : wal.shards(signal)) {
      List<String> doomed = new ArrayList<>();
      List<ObjectInfo> objects = store.listAll(SegmentKey.shardPrefix(signal, shard), "");
      String newest = newestSegment(objects);
      long watermark = watermarks.get(shard);
      for (ObjectInfo object : objects) {
        boolean committed =
            SegmentKey.parse(object.key()).map(key -> key.offset() <= watermark).orElse(false);
        if (committed && !object.key().equals(newest) && object.lastModified().isBefore(cutoff)) {
          doomed.add(object.key());
        }
      }
      for (int from = 0; from < doomed.size(); from += DELETE_BATCH) {
        store.deleteAll(doomed.subList(from, Math.min(doomed.size(), from + DELETE_BATCH)));
      }
      count += doomed.size();
    }
    Counter.builder("floe.wal.cleanup.deleted")
        .description("compacted WAL segments deleted after the grace period")
        .tag("signal", signal.id())
        .register(meters)
        .increment(count);
    if (count > 0) {
      LOG.info("{}: deleted {} compacted WAL segments", signal.id(), count);
    }
    return count;
  }

  /** The key of the shard's highest offset; listings are in key order, which is offset order. */
  private static String newestSegment(List<ObjectInfo> objects) {
    String newest = null;
    for (ObjectInfo object : objects) {
      if (SegmentKey.parse(object.key()).isPresent()) {
        newest = object.key();
      }
    }
    return newest;
  }
}
