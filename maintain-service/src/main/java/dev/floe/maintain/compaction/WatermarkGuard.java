package dev.floe.maintain.compaction;

import java.util.Map;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

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
final class WatermarkGuard implements TableOperations {
  private final TableOperations delegate;
  private final Map<Integer, Long> expected;

  /**
   * @param expected per shard, the watermark the commit was planned from
   */
  WatermarkGuard(TableOperations delegate, Map<Integer, Long> expected) {
    this.delegate = delegate;
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
    delegate.commit(base, metadata);
  }

  @Override
  public TableMetadata current() {
    return delegate.current();
  }

  @Override
  public TableMetadata refresh() {
    return delegate.refresh();
  }

  @Override
  public FileIO io() {
    return delegate.io();
  }

  @Override
  public EncryptionManager encryption() {
    return delegate.encryption();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return delegate.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    return delegate.locationProvider();
  }

  @Override
  public TableOperations temp(TableMetadata uncommittedMetadata) {
    return delegate.temp(uncommittedMetadata);
  }

  @Override
  public long newSnapshotId() {
    return delegate.newSnapshotId();
  }

  @Override
  public boolean requireStrictCleanup() {
    return delegate.requireStrictCleanup();
  }
}
