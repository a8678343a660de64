package dev.floe.logql.engine;

import dev.floe.logql.MetricExpr.RangeAggregation;
import dev.floe.logql.RangeOp;
import dev.floe.lang.Labels;
import java.util.Arrays;

/**
 * Line counts and byte sums of one series per step, for the range aggregations that only add up lines or
 * bytes: each line is added to the steps whose windows hold it through a difference array, so memory grows
 * with the steps rather than with the lines read, whatever order the lines come in. A series with fewer lines
 * than steps keeps its lines until it is evaluated instead. Totals are whole numbers, so they stay exact.
 */
final class StepTotals implements SeriesWindows {
  private final Labels labels;
  private final Steps steps;
  private final long range;
  private final long offset;
  private final RangeOp op;
  private final double rangeSeconds;
  private long[] times = new long[4];
  private long[] amounts = new long[4];
  private int buffered;
  private long[] countChanges;
  private long[] sumChanges;
  private long count;
  private long sum;

  StepTotals(Labels labels, RangeAggregation aggregation, Steps steps) {
    this.labels = labels;
    this.steps = steps;
    this.range = aggregation.range().range().toNanos();
    this.offset = aggregation.range().offset().toNanos();
    this.op = aggregation.op();
    this.rangeSeconds = range / 1e9;
  }

  /** Whether {@code aggregation} only counts lines or sums their bytes. */
  static boolean applies(RangeAggregation aggregation) {
    switch (aggregation.op()) {
      case COUNT_OVER_TIME:
      case BYTES_OVER_TIME:
      case BYTES_RATE:
      case ABSENT_OVER_TIME:
        return true;
      case RATE:
        return aggregation.range().log().unwrap() == null;
      default:
        return false;
    }
  }

  @Override
  public Labels labels() {
    return labels;
  }

  @Override
  public void add(long timestampNanos, double value) {
    if (countChanges == null) {
      if (buffered == times.length) {
        if (buffered > steps.count()) {
          spread();
          record(timestampNanos, (long) value);
          return;
        }
        times = Arrays.copyOf(times, buffered * 2);
        amounts = Arrays.copyOf(amounts, buffered * 2);
      }
      times[buffered] = timestampNanos;
      amounts[buffered++] = (long) value;
      return;
    }
    record(timestampNanos, (long) value);
  }

  /** Replaces the lines kept so far by the difference arrays. */
  private void spread() {
    countChanges = new long[steps.count() + 1];
    sumChanges = new long[steps.count() + 1];
    for (int i = 0; i < buffered; i++) {
      record(times[i], amounts[i]);
    }
    times = null;
    amounts = null;
  }

  // A line at t is in the window of each step s with s - offset - range < t <= s - offset.
  private void record(long timestampNanos, long amount) {
    int first = steps.indexAtOrAfter(timestampNanos + offset);
    int end = steps.indexAtOrAfter(timestampNanos + offset + range);
    countChanges[first]++;
    countChanges[end]--;
    sumChanges[first] += amount;
    sumChanges[end] -= amount;
  }

  @Override
  public boolean advance(int step, long startNanos, long endNanos) {
    if (countChanges == null) {
      spread();
    }
    count += countChanges[step];
    sum += sumChanges[step];
    return count > 0;
  }

  @Override
  public double value() {
    switch (op) {
      case COUNT_OVER_TIME:
        return count;
      case RATE:
        return count / rangeSeconds;
      case BYTES_OVER_TIME:
        return sum;
      case BYTES_RATE:
        return sum / rangeSeconds;
      default:
        return 1;
    }
  }
}
