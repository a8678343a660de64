package dev.floe.query.scan;

import java.util.Arrays;

/**
 * A column of booleans in a {@link ColumnBatch}. Valid until the consumer returns from {@link
 * BatchConsumer#accept}: the scan reuses it.
 */
public final class BooleanColumn {
  boolean[] values = new boolean[0];
  boolean[] nulls = new boolean[0];

  BooleanColumn() {}

  public boolean get(int row) {
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
}
