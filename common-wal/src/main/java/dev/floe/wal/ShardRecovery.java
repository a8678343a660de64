package dev.floe.wal;

import dev.floe.schema.Signal;
import dev.floe.store.ObjectStore;

/**
 * Finds the highest offset that exists in a shard with a logarithmic number of one-key listings.
 *
 * <p>"Some segment sorts after offset x" is true up to the highest offset and false from there on;
 * an exponential probe brackets that point and a binary search finds it. Cleanup always keeps the
 * newest segment of a shard, so the highest offset ever written is always visible here, and a
 * restarted writer never reuses an offset even after older segments were deleted.
 */
final class ShardRecovery {
  private static final long MAX_OFFSET = 99_999_999_999_999_999L;

  private final ObjectStore store;
  private final Signal signal;
  private final int shard;

  ShardRecovery(ObjectStore store, Signal signal, int shard) {
    this.store = store;
    this.signal = signal;
    this.shard = shard;
  }

  /** The highest existing offset, 0 when the shard is empty. */
  long highestOffset() {
    return highestOffsetFrom(0);
  }

  /**
   * The highest existing offset, given that {@code known} exists (or is 0). Cost grows with the
   * logarithm of the distance from {@code known}, so moving forward after a conflict is cheap.
   */
  long highestOffsetFrom(long known) {
    if (!existsAbove(known)) {
      return known;
    }
    long low = known; // something exists above low
    long step = 1;
    long high = Math.min(MAX_OFFSET, low + step);
    while (existsAbove(high)) {
      low = high;
      step <<= 1;
      high = Math.min(MAX_OFFSET, low + step);
    }
    // Invariant: something exists above low, nothing above high.
    while (high - low > 1) {
      long middle = low + (high - low) / 2;
      if (existsAbove(middle)) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return high;
  }

  private boolean existsAbove(long offset) {
    String prefix = SegmentKey.shardPrefix(signal, shard);
    String after = offset == 0 ? "" : new SegmentKey(signal, shard, offset).path();
    return store.list(prefix, after, 1).objects().stream()
        .anyMatch(info -> SegmentKey.parse(info.key()).isPresent());
  }
}
