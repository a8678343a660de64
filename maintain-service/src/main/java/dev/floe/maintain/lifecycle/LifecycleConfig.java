package dev.floe.maintain.lifecycle;

import java.time.Duration;

/**
 * The lifecycle tasks' settings, the {@code lifecycle} section of the maintain service's
 * configuration.
 *
 * @param retention how long data is kept per tenant and signal
 * @param snapshots which table versions are kept
 * @param orphanFiles removal of unreferenced files
 * @param rewrite merging of small files
 */
public record LifecycleConfig(
    RetentionConfig retention, SnapshotExpiryConfig snapshots, OrphanFilesConfig orphanFiles, RewriteConfig rewrite) {

  public LifecycleConfig {
    retention = retention == null ? RetentionConfig.defaults() : retention;
    snapshots = snapshots == null ? SnapshotExpiryConfig.defaults() : snapshots;
    orphanFiles = orphanFiles == null ? OrphanFilesConfig.defaults() : orphanFiles;
    rewrite = rewrite == null ? RewriteConfig.defaults() : rewrite;
  }

  public static LifecycleConfig defaults() {
    return new LifecycleConfig(
        RetentionConfig.defaults(),
        SnapshotExpiryConfig.defaults(),
        OrphanFilesConfig.defaults(),
        RewriteConfig.defaults());
  }

  static void requirePositive(String key, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(key + " must be a positive duration, got " + duration);
    }
  }
}
