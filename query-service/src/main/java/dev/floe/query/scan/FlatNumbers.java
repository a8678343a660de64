package dev.floe.query.scan;

import org.apache.parquet.column.ColumnDescriptor;

/**
 * A top-level INT64 or INT32 column read into a {@link LongColumn} or an {@link IntColumn}, decoded
 * from its pages directly ({@link LeafPages}, {@link NumberValues}).
 */
final class FlatNumbers extends ColumnDecoder {
  private final ChunkPages chunk;
  private final NumberValues values;
  private final LeafPages pages;
  private final LongColumn longs;
  private final IntColumn ints;
  private final int maxDefinition;
  /** Rows read or skipped so far. */
  private long rowsPassed;

  /** @param target a {@link LongColumn} or an {@link IntColumn} */
  FlatNumbers(ColumnDescriptor leaf, ChunkPages chunk, Object target) {
    this.chunk = chunk;
    this.values = new NumberValues(leaf);
    this.pages = new LeafPages(leaf, chunk, values);
    this.longs = target instanceof LongColumn column ? column : null;
    this.ints = target instanceof IntColumn column ? column : null;
    if (longs == null && ints == null) {
      throw new IllegalArgumentException("numbers go into a LongColumn or an IntColumn, not " + target);
    }
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
    if (longs != null) {
      longs.ensure(rows);
    } else {
      ints.ensure(rows);
    }
    int out = 0;
    for (int row = 0; row < rows; row++) {
      pages.nextLevels();
      boolean present = pages.definition() == maxDefinition;
      if (keep == null || keep[row]) {
        if (present && (load == null || load[out])) {
          store(out, values.next(), false);
        } else {
          if (present) {
            values.skip();
          }
          store(out, 0, true);
        }
        out++;
      } else if (present) {
        values.skip();
      }
    }
  }

  private void store(int out, long value, boolean isNull) {
    if (longs != null) {
      longs.values[out] = value;
      longs.nulls[out] = isNull;
    } else {
      ints.values[out] = (int) value;
      ints.nulls[out] = isNull;
    }
  }
}
