package dev.floe.query.scan;

import org.apache.parquet.column.ColumnDescriptor;

/** A top-level string, fixed or binary column, decoded from its pages directly ({@link LeafPages}, {@link StringValues}). */
final class FlatStrings extends ColumnDecoder {
  private final ChunkPages chunk;
  private final LeafPages pages;
  private final StringValues values;
  private final StringColumn column;
  private final int maxDefinition;
  /** Rows read or skipped so far. */
  private long rowsPassed;

  FlatStrings(ColumnDescriptor leaf, ChunkPages chunk, StringColumn column) {
    this.chunk = chunk;
    this.values = new StringValues(leaf, column);
    this.pages = new LeafPages(leaf, chunk, values);
    this.column = column;
    this.maxDefinition = pages.maxDefinition();
  }

  @Override
  void skip(long rows) {
    long target = rowsPassed + rows;
    long start = chunk.jumpTo(target);
    if (start >= 0) {
      pages.dropPage();
      rowsPassed = start;
    }
    super.skip(target - rowsPassed);
  }

  @Override
  void read(int rows, boolean[] keep, boolean[] load) {
    rowsPassed += rows;
    column.ensure(rows);
    int out = 0;
    for (int row = 0; row < rows; row++) {
      pages.nextLevels();
      boolean present = pages.definition() == maxDefinition;
      if (keep == null || keep[row]) {
        if (present && (load == null || load[out])) {
          values.read(out);
        } else {
          if (present) {
            values.skip();
          }
          column.setNull(out);
        }
        out++;
      } else if (present) {
        values.skip();
      }
    }
  }
}
