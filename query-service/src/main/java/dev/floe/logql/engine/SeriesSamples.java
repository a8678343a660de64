package dev.floe.logql.engine;

import dev.floe.query.Labels;
import java.util.Arrays;

/**
 * The samples one series collected over a whole query, with the bounds of the current window. Samples may be
 * added in any order, all before the first {@link #slide}, which puts them in time order.
 */
final class SeriesSamples {
  private final Labels labels;
  private long[] timestamps = new long[8];
  private double[] values = new double[8];
  private int size;
  private int from;
  private int to;
  private boolean sorted = true;

  SeriesSamples(Labels labels) {
    this.labels = labels;
  }

  Labels labels() {
    return labels;
  }

  void add(long timestampNanos, double value) {
    if (size == timestamps.length) {
      timestamps = Arrays.copyOf(timestamps, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    if (size > 0 && timestampNanos < timestamps[size - 1]) {
      sorted = false;
    }
    timestamps[size] = timestampNanos;
    values[size] = value;
    size++;
  }

  /**
   * Moves the window to {@code (startNanos, endNanos]}, Loki's left-open range; windows only move forward.
   *
   * @return whether the window holds any sample
   */
  boolean slide(long startNanos, long endNanos) {
    if (!sorted) {
      sort(0, size - 1);
      sorted = true;
    }
    while (from < size && timestamps[from] <= startNanos) {
      from++;
    }
    to = Math.max(to, from);
    while (to < size && timestamps[to] <= endNanos) {
      to++;
    }
    return to > from;
  }

  double apply(WindowFunction function) {
    return function.apply(timestamps, values, from, to);
  }

  /** Sorts samples {@code [lo, hi]} by time: a quicksort of the two arrays together, insertion sort for short runs. */
  private void sort(int lo, int hi) {
    while (hi - lo > 16) {
      long pivot = timestamps[lo + (hi - lo) / 2];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (timestamps[i] < pivot) {
          i++;
        }
        while (timestamps[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(i++, j--);
        }
      }
      // Recurse into the smaller part, loop on the larger: the stack stays logarithmic.
      if (j - lo < hi - i) {
        sort(lo, j);
        lo = i;
      } else {
        sort(i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      for (int j = i; j > lo && timestamps[j - 1] > timestamps[j]; j--) {
        swap(j - 1, j);
      }
    }
  }

  private void swap(int a, int b) {
    long timestamp = timestamps[a];
    timestamps[a] = timestamps[b];
    timestamps[b] = timestamp;
    double value = values[a];
    values[a] = values[b];
    values[b] = value;
  }
}
