package dev.floe.maintain.lifecycle;

import java.time.Duration;

/**
 * Removal of files under a table's location that no table version references.
 *
 * @param enabled whether orphan removal runs at all
 * @param interval least time between two runs on the same table; each run lists the whole table
 *     location, so this is long
 * @param minAge files younger than this are never deleted, because a commit in progress may not
 *     have referenced them yet; at least one hour
 */
public record OrphanFilesConfig(boolean enabled, Duration interval, Duration minAge) {

  /** Below this a slow commit's new files could be taken for orphans. */
  static final Duration SMALLEST_MIN_AGE = Duration.ofHours(1);

  public OrphanFilesConfig {
    LifecycleConfig.requirePositive("lifecycle.orphanFiles.interval", interval);
    if (minAge == null || minAge.compareTo(SMALLEST_MIN_AGE) < 0) {
      throw new IllegalArgumentException("lifecycle.orphanFiles.minAge must be at least 1h, got " + minAge);
    }
  }

  /** Files older than 3 days, checked daily. */
  public static OrphanFilesConfig defaults() {
    return new OrphanFilesConfig(true, Duration.ofDays(1), Duration.ofDays(3));
  }
}
