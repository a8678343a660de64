package dev.floe.maintain.lifecycle;

import java.util.ArrayList;
import java.util.List;

/** The enabled lifecycle tasks of a configuration, each paced to its interval, in the order to run them. */
public final class LifecycleTasks {
  private LifecycleTasks() {}

  /**
   * Retention first (it shrinks what the others work on), then the rewrite, then snapshot expiry
   * (which deletes the files the first two replaced), then orphan removal.
   *
   * @param protectedLocations locations orphan removal must never list: the object store root and
   *     the WAL root, as URIs ({@code s3://bucket/prefix/}, {@code file:///data/})
   */
  public static List<MaintenanceTask> create(LifecycleConfig config, List<String> protectedLocations) {
    List<MaintenanceTask> tasks = new ArrayList<>();
    if (config.retention().enabled()) {
      tasks.add(new PacedTask(new RetentionTask(config.retention()), config.retention().interval()));
    }
    if (config.rewrite().enabled()) {
      tasks.add(new PacedTask(new SmallFileRewrite(config.rewrite()), config.rewrite().interval()));
    }
    if (config.snapshots().enabled()) {
      tasks.add(new PacedTask(new SnapshotExpiryTask(config.snapshots()), config.snapshots().interval()));
    }
    if (config.orphanFiles().enabled()) {
      OrphanFileRemoval orphans = new OrphanFileRemoval(config.orphanFiles(), protectedLocations);
      tasks.add(new PacedTask(orphans, config.orphanFiles().interval()));
    }
    return List.copyOf(tasks);
  }
}
