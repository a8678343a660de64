package dev.floe.maintain.lifecycle;

import java.time.Duration;

/**
 * Merging a partition's small data files into larger sorted ones.
 *
 * @param enabled whether the rewrite runs at all
 * @param interval least time between two runs on the same table
 * @param smallFileBytes data files smaller than this are rewritten
 * @param minInputFiles a partition is rewritten only when it has at least this many small files
 * @param targetFileBytes size at which a new file is closed and the next one started; larger than
 *     {@code smallFileBytes}
 * @param maxCommitBytes most input bytes (file sizes) in one commit; rows are sorted in memory, so
 *     this bounds the heap a rewrite needs (several times this value)
 * @param maxCommitsPerRun most partitions rewritten in one run, so that a run stays short
 */
public record RewriteConfig(
    boolean enabled,
    Duration interval,
    long smallFileBytes,
    int minInputFiles,
    long targetFileBytes,
    long maxCommitBytes,
    int maxCommitsPerRun) {

  private static final long MIB = 1024L * 1024;

  public RewriteConfig {
    LifecycleConfig.requirePositive("lifecycle.rewrite.interval", interval);
    requireAtLeast("lifecycle.rewrite.smallFileBytes", smallFileBytes, 1);
    requireAtLeast("lifecycle.rewrite.minInputFiles", minInputFiles, 2);
    // Smaller new files would count as small again and be rewritten on every run.
    requireAtLeast("lifecycle.rewrite.targetFileBytes", targetFileBytes, smallFileBytes + 1);
    requireAtLeast("lifecycle.rewrite.maxCommitBytes", maxCommitBytes, 1);
    requireAtLeast("lifecycle.rewrite.maxCommitsPerRun", maxCommitsPerRun, 1);
  }

  /** Five or more files under 32 MiB become 128 MiB files, at most 256 MiB per commit, every 10 minutes. */
  public static RewriteConfig defaults() {
    return new RewriteConfig(true, Duration.ofMinutes(10), 32 * MIB, 5, 128 * MIB, 256 * MIB, 8);
  }

  private static void requireAtLeast(String key, long value, long least) {
    if (value < least) {
      throw new IllegalArgumentException(key + " must be at least " + least + ", got " + value);
    }
  }
}
