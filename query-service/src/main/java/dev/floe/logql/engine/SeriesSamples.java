package dev.floe.logql.engine;

import dev.floe.lang.Labels;
import java.util.Arrays;

/** The samples one series collected over a whole query, with the bounds of the current window. */
final class SeriesSamples implements SeriesWindows {
  private final Labels labels;
  private final WindowFunction function;
  private long[] timestamps = new long[8];
  private double[] values = new double[8];
  private int size;
  private int from;
  private int to;
  private boolean unordered;

  SeriesSamples(Labels labels, WindowFunction function) {
    this.labels = labels;
    this.function = function;
  }

  @Override
  public Labels labels() {
    return labels;
  }

  @Override
  public void add(long timestampNanos, double value) {
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
  private void sort() {
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

  /** Slides the window forward to {@code (startNanos, endNanos]}, Loki's left-open range. */
  @Override
  public boolean advance(int step, long startNanos, long endNanos) {
    sort();
    while (from < size && timestamps[from] <= startNanos) {
      from++;
    }
    to = Math.max(to, from);
    while (to < size && timestamps[to] <= endNanos) {
      to++;
    }
    return to > from;
  }

  @Override
  public double value() {
    return function.apply(timestamps, values, from, to);
  }
}
