package dev.floe.wal;

import dev.floe.schema.Signal;
import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStoreException;
import dev.floe.store.StoredObject;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends segments of one signal to the WAL with the offset protocol of DESIGN.md.
 *
 * <p>Each shard has a cursor: the next offset this writer will try. A segment is created with
 * create-if-absent at the cursor. On success the offset is ours; on a conflict another writer has
 * it, so the cursor moves past the shard's highest offset and tries again. The cursor only ever
 * moves past offsets that are known to exist, so offsets stay contiguous: offset N+1 is written only
 * after N exists. A write that failed with an error leaves the cursor where it is; if a retry then
 * meets a conflict, the segment is read back and compared, because the failed attempt may have
 * landed after all (the writer's identity in the footer makes every segment's bytes unique).
 *
 * <p>A writer can write to as many shards at once as there are shards; {@link #append} blocks
 * while every shard cursor is busy. Thread-safe.
 */
public final class WalWriter {
  private static final Logger LOG = LoggerFactory.getLogger(WalWriter.class);

  private final ObjectStore store;
  private final Signal signal;
  private final BlockingQueue<Cursor> idle;
  private final int maxAttempts;

  /**
   * @param shards the deployment's shard count for this signal; every writer must use the same
   * @param maxAttempts how often one append retries the store after errors before giving up
   */
  public WalWriter(ObjectStore store, Signal signal, int shards, int maxAttempts) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1: " + shards);
    }
    this.store = store;
    this.signal = signal;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.idle = new LinkedBlockingQueue<>();
    // Writers start on different shards so that several replicas rarely contend for one offset.
    int first = ThreadLocalRandom.current().nextInt(shards);
    for (int i = 0; i < shards; i++) {
      int shard = (first + i) % shards;
      idle.add(new Cursor(new ShardRecovery(store, signal, shard), shard));
    }
  }

  public Signal signal() {
    return signal;
  }

  /**
   * Writes {@code segment} at the next free offset of some shard and returns once it is durable.
   *
   * @throws ObjectStoreException if the store kept failing; the data may or may not be in the WAL
   * @throws InterruptedException if interrupted while waiting for a shard
   */
  public SegmentKey append(byte[] segment) throws InterruptedException {
    Cursor cursor = idle.take();
    try {
      return cursor.append(segment);
    } finally {
      idle.add(cursor);
    }
  }

  /** One shard's next offset. Only the thread that took it from the idle queue touches it. */
  private final class Cursor {
    private final ShardRecovery recovery;
    private final int shard;
    private long next; // 0 until recovered

    Cursor(ShardRecovery recovery, int shard) {
      this.recovery = recovery;
      this.shard = shard;
    }

    SegmentKey append(byte[] segment) throws InterruptedException {
      boolean maybeWritten = false;
      ObjectStoreException lastError = null;
      int failures = 0;
      while (true) {
        try {
          if (next == 0) {
            next = recovery.highestOffset() + 1;
          }
          SegmentKey key = new SegmentKey(signal, shard, next);
          Optional<String> created = store.createIfAbsent(key.path(), segment);
          if (created.isPresent() || (maybeWritten && isOurs(key, segment))) {
            next++;
            return key;
          }
          maybeWritten = false;
          next = recovery.highestOffsetFrom(next) + 1;
        } catch (ObjectStoreException e) {
          maybeWritten = true;
          lastError = e;
          if (++failures >= maxAttempts) {
            throw lastError;
          }
          LOG.warn("WAL write to {} shard {} failed (attempt {}), retrying: {}", signal.id(), shard, failures, e.toString());
          TimeUnit.MILLISECONDS.sleep(Math.min(1000, 50L << Math.min(failures, 5)));
        }
      }
    }

    private boolean isOurs(SegmentKey key, byte[] segment) {
      Optional<StoredObject> existing = store.get(key.path());
      return existing.isPresent() && Arrays.equals(existing.get().data(), segment);
    }
  }
}
