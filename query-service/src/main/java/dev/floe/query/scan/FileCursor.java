package dev.floe.query.scan;

import java.util.function.Supplier;
import org.apache.parquet.io.InputFile;

/**
 * The wanted rows of one file of a scan (a data file or a WAL segment), pulled a batch at a time, so
 * that a consumer can read several files side by side: for example merge them by their sort key. The
 * file is opened on the first {@link #next()} and closed at its end or by {@link #close()}. Not
 * thread-safe.
 */
public final class FileCursor implements AutoCloseable {
  private final ParquetFileScan scan;
  private final ColumnBatch batch;
  private final Supplier<InputFile> input;
  private final Runnable onOpen;
  private ParquetFileScan.Cursor cursor;
  private boolean done;

  FileCursor(ParquetFileScan scan, ColumnBatch batch, Supplier<InputFile> input, Runnable onOpen) {
    this.scan = scan;
    this.batch = batch;
    this.input = input;
    this.onOpen = onOpen;
  }

  /** Moves to the next batch of the file; false at its end. The previous batch is invalid afterwards. */
  public boolean next() {
    if (done) {
      return false;
    }
    if (cursor == null) {
      onOpen.run();
      cursor = scan.open(input.get());
    }
    if (cursor.next()) {
      return true;
    }
    close();
    return false;
  }

  /** The current batch: valid until the next call of {@link #next()}; the cursor reuses it. */
  public ColumnBatch batch() {
    return batch;
  }

  @Override
  public void close() {
    done = true;
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
  }
}
