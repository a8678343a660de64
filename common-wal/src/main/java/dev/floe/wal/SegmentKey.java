package dev.floe.wal;

import dev.floe.schema.Signal;
import java.util.Optional;

/**
 * The name of one WAL segment: {@code wal/<signal>/<shard>/<offset, 20 digits>.parquet}.
 *
 * <p>Offsets are zero-padded so that the object store's lexicographic listing order is offset
 * order, which recovery's binary search and the reader's "above the watermark" listing rely on.
 * Offsets start at 1; 0 is the watermark of a shard that has nothing compacted.
 */
public record SegmentKey(Signal signal, int shard, long offset) implements Comparable<SegmentKey> {
  static final String ROOT = "wal/";
  private static final String SUFFIX = ".parquet";
  private static final int DIGITS = 20;

  public SegmentKey {
    if (shard < 0) {
      throw new IllegalArgumentException("shard must be >= 0: " + shard);
    }
    if (offset < 1) {
      throw new IllegalArgumentException("offset must be >= 1: " + offset);
    }
  }

  /** The object key. */
  public String path() {
    return shardPrefix(signal, shard) + paddedOffset(offset) + SUFFIX;
  }

  /** The prefix every segment of one shard shares, ending in '/'. */
  public static String shardPrefix(Signal signal, int shard) {
    return ROOT + signal.id() + '/' + shard + '/';
  }

  /**
   * The key that sorts right after every segment at or below {@code offset}: listing with it as
   * start-after yields exactly the segments above the offset. Offset 0 gives the shard prefix itself.
   */
  public static String startAfter(Signal signal, int shard, long offset) {
    return offset <= 0 ? "" : shardPrefix(signal, shard) + paddedOffset(offset) + SUFFIX;
  }

  /** Parses a key of this shape; empty for anything else (temporary files, foreign objects). */
  public static Optional<SegmentKey> parse(String key) {
    if (!key.startsWith(ROOT) || !key.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    String[] parts = key.substring(ROOT.length(), key.length() - SUFFIX.length()).split("/", -1);
    if (parts.length != 3 || parts[2].length() != DIGITS) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SegmentKey(Signal.fromId(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String paddedOffset(long offset) {
    String digits = Long.toString(offset);
    return "0".repeat(DIGITS - digits.length()) + digits;
  }

  @Override
  public int compareTo(SegmentKey other) {
    int bySignal = signal.compareTo(other.signal);
    if (bySignal != 0) {
      return bySignal;
    }
    int byShard = Integer.compare(shard, other.shard);
    return byShard != 0 ? byShard : Long.compare(offset, other.offset);
  }
}
