package dev.floe.prometheus;

import java.util.List;

/** Unboxes Iceberg's list columns; a null list is empty. */
final class ListColumns {
  private static final double[] NO_DOUBLES = new double[0];
  private static final long[] NO_LONGS = new long[0];

  private ListColumns() {}

  static double[] doubles(List<Double> list) {
    if (list == null || list.isEmpty()) {
      return NO_DOUBLES;
    }
    double[] array = new double[list.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = list.get(i);
    }
    return array;
  }

  static long[] longs(List<Long> list) {
    if (list == null || list.isEmpty()) {
      return NO_LONGS;
    }
    long[] array = new long[list.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = list.get(i);
    }
    return array;
  }
}
