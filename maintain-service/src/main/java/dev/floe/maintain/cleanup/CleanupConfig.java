package dev.floe.maintain.cleanup;

import java.time.Duration;

/**
 * @param interval pause between WAL cleanups of the leader
 * @param gracePeriod how long a compacted segment stays: longer than the longest query, so that a
 *     query that read the old watermark still finds the segments above it
 */
public record CleanupConfig(Duration interval, Duration gracePeriod) {
  public static CleanupConfig defaults() {
    return new CleanupConfig(Duration.ofMinutes(1), Duration.ofMinutes(10));
  }
}
