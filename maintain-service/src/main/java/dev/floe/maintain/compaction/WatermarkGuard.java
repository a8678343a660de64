package dev.floe.maintain.compaction;

import dev.floe.wal.Watermarks;
import java.util.Map;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * Table operations that refuse to commit on top of metadata whose watermarks are not the expected
 * ones. Everything else is the catalog's own operations.
 *
 * <p>The check sits in {@link #commit}, which every commit attempt goes through, the first one and
 * each of Iceberg's automatic retries, with the metadata that attempt was built on as {@code base}.
 * The catalog swaps {@code base} for the new metadata atomically, or fails the attempt if the table
 * has moved on; so if the check passes and the swap succeeds, the table went straight from the
 * expected watermarks to the new ones. A mismatch throws {@link ValidationException}, which Iceberg
 * does not retry.
 */
final class WatermarkGuard extends ForwardingTableOperations {
  private final Map<Integer, Long> expected;

  /**
   * @param expected per shard, the watermark the commit was planned from
   */
  WatermarkGuard(TableOperations delegate, Map<Integer, Long> expected) {
    super(delegate);
    this.expected = Map.copyOf(expected);
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    Watermarks current = Watermarks.of(base.properties());
    for (Map.Entry<Integer, Long> shard : expected.entrySet()) {
      long actual = current.get(shard.getKey());
      if (actual != shard.getValue()) {
        throw new ValidationException(
            "WAL watermark of shard %s moved from %s to %s since this commit was planned",
            shard.getKey(), shard.getValue(), actual);
      }
    }
    super.commit(base, metadata);
  }
}
