package dev.floe.maintain.lifecycle;

import dev.floe.schema.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * Expires snapshots older than the maximum age, always keeping the newest few, and lets Iceberg
 * delete the manifests and data files that only the expired snapshots referenced (files that a
 * retention delete or a rewrite replaced). Without this, a table's metadata and storage grow with
 * every commit.
 *
 * <p>Iceberg computes what to delete from the table metadata it commits against, so a file still
 * referenced by a remaining snapshot is never deleted.
 */
public final class SnapshotExpiryTask implements TableTask {
  public static final String NAME = "snapshot-expiry";
  public static final String EXPIRED_SNAPSHOTS = "expired.snapshots";

  private final SnapshotExpiryConfig config;

  public SnapshotExpiryTask(SnapshotExpiryConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TaskResult run(Table table, Signal signal, Instant now) {
    long expireBefore = now.minus(config.maxAge()).toEpochMilli();
    ExpireSnapshots expire =
        table.expireSnapshots()
            .expireOlderThan(expireBefore)
            .retainLast(config.minKeep())
            .cleanupLevel(ExpireSnapshots.CleanupLevel.ALL);
    // Committing an expiry that removes nothing would still write a new table version.
    List<Snapshot> expiring = expire.apply();
    if (expiring.isEmpty()) {
      return TaskResult.unchanged("no snapshot to expire");
    }
    try {
      expire.commit();
    } catch (CommitFailedException e) {
      return TaskResult.conflict("concurrent commits outlasted Iceberg's retries: " + e.getMessage());
    }
    return TaskResult.changed(
        Map.of(EXPIRED_SNAPSHOTS, (long) expiring.size()),
        "expired " + expiring.size() + " snapshots older than " + Instant.ofEpochMilli(expireBefore));
  }
}
