package dev.floe.query.scan;

import java.util.List;

/** Receives the files of a scan as cursors to read side by side, on the scanning thread. */
public interface FilesConsumer {
  /**
   * Reads what it needs of {@code files}, one per file of the scan, WAL segments first. The scan
   * closes every cursor when this returns.
   */
  void accept(List<FileCursor> files);

  /**
   * Forget everything read so far: the scan starts over from a newer table version (a file it planned
   * to read is gone), and will hand over every file again.
   */
  void reset();
}
