package dev.floe.maintain.compaction;

/**
 * What one compaction run did.
 *
 * @param commits commits that landed
 * @param segments WAL segments those commits covered
 * @param rows rows those commits added
 * @param files data files those commits added
 * @param caughtUp whether the run ended because nothing contiguous was left above the watermark
 */
public record CompactionResult(int commits, int segments, long rows, int files, boolean caughtUp) {
  static final CompactionResult NONE = new CompactionResult(0, 0, 0, 0, false);

  CompactionResult plus(int segmentCount, long rowCount, int fileCount) {
    return new CompactionResult(commits + 1, segments + segmentCount, rows + rowCount, files + fileCount, caughtUp);
  }

  CompactionResult finished(boolean done) {
    return new CompactionResult(commits, segments, rows, files, done);
  }
}
