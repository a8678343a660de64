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
  private boolean unordered;

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
    unordered |= size > 0 && timestampNanos < timestamps[size - 1];
    timestamps[size] = timestampNanos;
    values[size] = value;
    size++;
  }

  /** Puts the samples in time order, for sources that deliver entries in any order; stable for equal times. */
  void sort() {
    if (!unordered) {
      return;
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(timestamps[a], timestamps[b]));
    long[] sortedTimestamps = new long[size];
    double[] sortedValues = new double[size];
    for (int i = 0; i < size; i++) {
      sortedTimestamps[i] = timestamps[order[i]];
      sortedValues[i] = values[order[i]];
    }
    timestamps = sortedTimestamps;
    values = sortedValues;
    unordered = false;
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
