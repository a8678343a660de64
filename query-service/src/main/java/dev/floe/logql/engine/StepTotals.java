package dev.floe.logql.engine;

import dev.floe.logql.MetricExpr.RangeAggregation;
import dev.floe.logql.RangeOp;
import dev.floe.query.Labels;

/**
 * Line counts and byte sums of one series per step, for the range aggregations that only add up lines or
 * bytes: each line is added to the steps whose windows hold it through a difference array, so memory grows
 * with the steps rather than with the lines read, whatever order the lines come in. Totals are whole numbers,
 * so they stay exact.
 */
final class StepTotals implements SeriesWindows {
  private final Labels labels;
  private final Steps steps;
  private final long range;
  private final long offset;
  private final RangeOp op;
  private final double rangeSeconds;
  private final long[] countChanges;
  private final long[] sumChanges;
  private long count;
  private long sum;

  StepTotals(Labels labels, RangeAggregation aggregation, Steps steps) {
    this.labels = labels;
    this.steps = steps;
    this.range = aggregation.range().range().toNanos();
    this.offset = aggregation.range().offset().toNanos();
    this.op = aggregation.op();
    this.rangeSeconds = range / 1e9;
    this.countChanges = new long[steps.count() + 1];
    this.sumChanges = new long[steps.count() + 1];
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

  // A line at t is in the window of each step s with s - offset - range < t <= s - offset.
  @Override
  public void add(long timestampNanos, double value) {
    int first = steps.indexAtOrAfter(timestampNanos + offset);
    int end = steps.indexAtOrAfter(timestampNanos + offset + range);
    countChanges[first]++;
    countChanges[end]--;
    sumChanges[first] += (long) value;
    sumChanges[end] -= (long) value;
  }

  @Override
  public boolean advance(int step, long startNanos, long endNanos) {
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
