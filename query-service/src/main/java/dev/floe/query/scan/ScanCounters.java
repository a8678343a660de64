package dev.floe.query.scan;

/** The running counts of one scan; see {@link ScanStats}. */
final class ScanCounters {
  int dataFiles;
  int segments;
  int rowGroupsRead;
  int rowGroupsSkipped;
  long rows;
  /** Compressed bytes of the column chunks decoded. */
  long bytes;
  int replans;

  /** Starts counting again for a new plan, remembering how often that happened. */
  void replanned() {
    dataFiles = 0;
    segments = 0;
    rowGroupsRead = 0;
    rowGroupsSkipped = 0;
    rows = 0;
    bytes = 0;
    replans++;
  }

  ScanStats stats() {
    return new ScanStats(dataFiles, segments, rowGroupsRead, rowGroupsSkipped, rows, replans);
  }
}
