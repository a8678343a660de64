package dev.floe.query.scan;

import java.util.Arrays;

/** The row structure of a map or list column: where each row's entries start, and which rows are null. */
final class Repeated {
  int[] offsets = new int[1];
  boolean[] nulls = new boolean[0];

  void ensure(int rows) {
    if (nulls.length < rows) {
      int capacity = Math.max(rows, nulls.length * 2);
      offsets = Arrays.copyOf(offsets, capacity + 1);
      nulls = Arrays.copyOf(nulls, capacity);
    }
  }
}
