package dev.floe.maintain.lifecycle;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;

/**
 * Finds the snapshot a task committed. After a commit the table may already show a newer snapshot
 * of another writer, so the task marks its commit with a unique summary property and looks for it.
 */
final class TaskCommits {
  /** Snapshot summary property naming the lifecycle task that made the snapshot. */
  static final String MARKER = "floe.lifecycle.commit";

  /** How far back from the current snapshot to look; concurrent writers commit a few times at most. */
  private static final int SEARCH_DEPTH = 1000;

  private TaskCommits() {}

  /** Marks {@code update} as a commit of {@code task} and returns the mark to look for. */
  static String mark(SnapshotUpdate<?> update, String task) {
    String mark = task + ":" + UUID.randomUUID();
    update.set(MARKER, mark);
    return mark;
  }

  /** The summary of the snapshot carrying {@code mark}, if it is among the recent ones. */
  static Optional<Map<String, String>> summary(Table table, String mark) {
    Snapshot snapshot = table.currentSnapshot();
    for (int i = 0; snapshot != null && i < SEARCH_DEPTH; i++) {
      if (mark.equals(snapshot.summary().get(MARKER))) {
        return Optional.of(snapshot.summary());
      }
      snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
    }
    return Optional.empty();
  }

  /** A numeric summary property, zero when absent. */
  static long number(Map<String, String> summary, String property) {
    String value = summary.get(property);
    return value == null ? 0 : Long.parseLong(value);
  }
}
