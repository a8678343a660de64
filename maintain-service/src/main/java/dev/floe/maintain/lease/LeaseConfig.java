package dev.floe.maintain.lease;

import java.time.Duration;

/**
 * @param duration how long a lease lasts without renewal; the leader renews it every third of this,
 *     and a follower takes over at most this long after the leader stopped renewing
 */
public record LeaseConfig(Duration duration) {
  public LeaseConfig {
    if (duration == null || duration.toMillis() < 300) {
      throw new IllegalArgumentException("lease.duration must be at least 300ms");
    }
  }

  public static LeaseConfig defaults() {
    return new LeaseConfig(Duration.ofSeconds(30));
  }
}
