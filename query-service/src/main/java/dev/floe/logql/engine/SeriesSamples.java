package dev.floe.logql.engine;

import dev.floe.query.Labels;
import java.util.Arrays;

/** The samples one series collected over a whole query, oldest first, with the bounds of the current window. */
final class SeriesSamples {
  private final Labels labels;
  private long[] timestamps = new long[8];
  private double[] values = new double[8];
  private int size;
  private int from;
  private int to;

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
}
