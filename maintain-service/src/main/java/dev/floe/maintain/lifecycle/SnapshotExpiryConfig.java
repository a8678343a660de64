package dev.floe.maintain.lifecycle;

import java.time.Duration;

/**
 * Which table versions (snapshots) are kept.
 *
 * @param enabled whether snapshot expiry runs at all
 * @param interval least time between two runs on the same table
 * @param maxAge snapshots older than this are expired, unless among the newest {@code minKeep}
 * @param minKeep snapshots always kept, however old, so that recent history stays readable
 */
public record SnapshotExpiryConfig(boolean enabled, Duration interval, Duration maxAge, int minKeep) {

  public SnapshotExpiryConfig {
    LifecycleConfig.requirePositive("lifecycle.snapshots.interval", interval);
    LifecycleConfig.requirePositive("lifecycle.snapshots.maxAge", maxAge);
    if (minKeep < 1) {
      throw new IllegalArgumentException("lifecycle.snapshots.minKeep must be at least 1, got " + minKeep);
    }
  }

  /** Keep a day of snapshots and at least the last 10, checked hourly. */
  public static SnapshotExpiryConfig defaults() {
    return new SnapshotExpiryConfig(true, Duration.ofHours(1), Duration.ofDays(1), 10);
  }
}
