package dev.floe.query.scan;

import java.util.Arrays;

/**
 * A column of longs in a {@link ColumnBatch}; timestamps come as nanoseconds since the epoch. Valid
 * until the consumer returns from {@link BatchConsumer#accept}: the scan reuses it.
 */
public final class LongColumn {
  long[] values = new long[0];
  boolean[] nulls = new boolean[0];

  LongColumn() {}

  public long get(int row) {
    return values[row];
  }

  public boolean isNull(int row) {
    return nulls[row];
  }

  void ensure(int size) {
    if (values.length < size) {
      int capacity = Math.max(size, values.length * 2);
      values = Arrays.copyOf(values, capacity);
      nulls = Arrays.copyOf(nulls, capacity);
    }
  }

  /** Keeps the rows whose {@code keep} flag is set, in order. */
  void retain(boolean[] keep, int rows) {
    int out = 0;
    for (int row = 0; row < rows; row++) {
      if (keep[row]) {
        values[out] = values[row];
        nulls[out++] = nulls[row];
      }
    }
  }
}
