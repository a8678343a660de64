package dev.floe.wal;

import java.util.Map;
import java.util.TreeMap;

/**
 * How far the WAL of one table is committed: per shard, the highest offset whose rows are in the
 * table (0 when nothing is). The watermarks live in the table's properties as {@code
 * floe.wal.watermark.<shard>}, so that they change in the same Iceberg commit as the data they cover,
 * and a reader gets both from one metadata version.
 */
public record Watermarks(Map<Integer, Long> offsets) {
  /** Table property prefix; the shard number follows. */
  public static final String PROPERTY_PREFIX = "floe.wal.watermark.";

  public Watermarks {
    offsets = Map.copyOf(offsets);
  }

  /**
   * Reads the watermarks from table properties.
   *
   * @throws IllegalStateException if a watermark property is malformed: reading it as 0 would compact
   *     everything again, so a reader must stop instead
   */
  public static Watermarks of(Map<String, String> properties) {
    Map<Integer, Long> offsets = new TreeMap<>();
    for (Map.Entry<String, String> property : properties.entrySet()) {
      if (!property.getKey().startsWith(PROPERTY_PREFIX)) {
        continue;
      }
      try {
        int shard = Integer.parseInt(property.getKey().substring(PROPERTY_PREFIX.length()));
        long offset = Long.parseLong(property.getValue());
        if (shard < 0 || offset < 0) {
          throw new NumberFormatException("negative");
        }
        offsets.put(shard, offset);
      } catch (NumberFormatException e) {
        throw new IllegalStateException(
            "malformed WAL watermark property " + property.getKey() + "=" + property.getValue(), e);
      }
    }
    return new Watermarks(offsets);
  }

  /** The table property that holds the watermark of {@code shard}. */
  public static String property(int shard) {
    return PROPERTY_PREFIX + shard;
  }

  /** The watermark of {@code shard}; 0 when the shard has nothing committed. */
  public long get(int shard) {
    return offsets.getOrDefault(shard, 0L);
  }
}
