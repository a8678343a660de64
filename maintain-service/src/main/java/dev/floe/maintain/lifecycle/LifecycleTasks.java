package dev.floe.maintain.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The enabled lifecycle tasks of a configuration, with their intervals, in the order to run them. */
public final class LifecycleTasks {
  private LifecycleTasks() {}

  /**
   * Retention first (it shrinks what the others work on), then the rewrite, then snapshot expiry
   * (which deletes the files the first two replaced), then orphan removal.
   *
   * @param protectedLocations locations orphan removal must never list: the object store root and
   *     the WAL root, as URIs ({@code s3://bucket/prefix/}, {@code file:///data/})
   */
  public static List<Scheduled> create(LifecycleConfig config, List<String> protectedLocations) {
    List<Scheduled> tasks = new ArrayList<>();
    if (config.retention().enabled()) {
      tasks.add(new Scheduled(new RetentionTask(config.retention()), config.retention().interval()));
    }
    if (config.rewrite().enabled()) {
      tasks.add(new Scheduled(new SmallFileRewrite(config.rewrite()), config.rewrite().interval()));
    }
    if (config.snapshots().enabled()) {
      tasks.add(new Scheduled(new SnapshotExpiryTask(config.snapshots()), config.snapshots().interval()));
    }
    if (config.orphanFiles().enabled()) {
      OrphanFileRemoval orphans = new OrphanFileRemoval(config.orphanFiles(), protectedLocations);
      tasks.add(new Scheduled(orphans, config.orphanFiles().interval()));
    }
    return List.copyOf(tasks);
  }

  /** A task and the pause between two of its runs over every table. */
  public record Scheduled(TableTask task, Duration interval) {}
}
