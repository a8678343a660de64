package dev.floe.maintain.compaction;

import java.time.Duration;

/**
 * How compaction runs; {@code docs/configuration.md} documents every key.
 *
 * @param interval pause between compaction cycles of the leader
 * @param targetFileBytes size at which a data file is closed and the next one started
 * @param maxSegmentBytesPerCommit WAL segment bytes read for one commit; a larger backlog takes
 *     several commits
 * @param maxRowsPerCommit rows held in memory for one commit: this bounds the heap a cycle needs,
 *     however large the backlog
 */
public record CompactionConfig(
    Duration interval, long targetFileBytes, long maxSegmentBytesPerCommit, long maxRowsPerCommit) {

  public CompactionConfig {
    if (targetFileBytes < 1 || maxSegmentBytesPerCommit < 1 || maxRowsPerCommit < 1) {
      throw new IllegalArgumentException("compaction sizes must be positive");
    }
  }

  public static CompactionConfig defaults() {
    return new CompactionConfig(Duration.ofSeconds(10), 128L << 20, 32L << 20, 100_000);
  }
}
