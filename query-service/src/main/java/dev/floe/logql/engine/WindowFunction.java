package dev.floe.logql.engine;

import dev.floe.logql.MetricExpr.RangeAggregation;
import java.util.Arrays;

/**
 * What a range aggregation computes from the samples of one series inside one window, as Loki's range vector
 * aggregators do: the samples are {@code values[from..to)} with their timestamps, oldest first, never empty.
 */
@FunctionalInterface
interface WindowFunction {

  double apply(long[] timestamps, double[] values, int from, int to);

  static WindowFunction of(RangeAggregation aggregation) {
    double rangeSeconds = aggregation.range().range().toNanos() / 1e9;
    boolean unwrapped = aggregation.range().log().unwrap() != null;
    switch (aggregation.op()) {
      case COUNT_OVER_TIME:
        return (timestamps, values, from, to) -> to - from;
      case RATE:
        return unwrapped
            ? (timestamps, values, from, to) -> sum(values, from, to) / rangeSeconds
            : (timestamps, values, from, to) -> (to - from) / rangeSeconds;
      case BYTES_RATE:
        return (timestamps, values, from, to) -> sum(values, from, to) / rangeSeconds;
      case BYTES_OVER_TIME:
      case SUM_OVER_TIME:
        return WindowFunction::sum;
      case AVG_OVER_TIME:
        return WindowFunction::average;
      case MAX_OVER_TIME:
        return (timestamps, values, from, to) -> extreme(values, from, to, true);
      case MIN_OVER_TIME:
        return (timestamps, values, from, to) -> extreme(values, from, to, false);
      case STDVAR_OVER_TIME:
        return (timestamps, values, from, to) -> variance(values, from, to);
      case STDDEV_OVER_TIME:
        return (timestamps, values, from, to) -> Math.sqrt(variance(values, from, to));
      case QUANTILE_OVER_TIME:
        double q = aggregation.parameter();
        return (timestamps, values, from, to) -> quantile(q, Arrays.copyOfRange(values, from, to));
      case FIRST_OVER_TIME:
        return (timestamps, values, from, to) -> values[from];
      case LAST_OVER_TIME:
        return (timestamps, values, from, to) -> values[to - 1];
      case ABSENT_OVER_TIME:
        return (timestamps, values, from, to) -> 1;
      case RATE_COUNTER:
        long rangeMillis = aggregation.range().range().toMillis();
        return (timestamps, values, from, to) -> counterRate(timestamps, values, from, to, rangeMillis);
      default:
        throw new IllegalArgumentException("unknown range aggregation " + aggregation.op());
    }
  }

  private static double sum(long[] timestamps, double[] values, int from, int to) {
    return sum(values, from, to);
  }

  private static double sum(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum;
  }

  // An incremental mean, which stays finite where a sum would overflow; infinities are kept, not subtracted.
  private static double average(long[] timestamps, double[] values, int from, int to) {
    double mean = 0;
    int count = 0;
    for (int i = from; i < to; i++) {
      double value = values[i];
      count++;
      boolean sameInfinity = Double.isInfinite(value) && (mean > 0) == (value > 0);
      if (Double.isInfinite(mean) && (sameInfinity || Double.isFinite(value))) {
        continue;
      }
      mean += value / count - mean / count;
    }
    return mean;
  }

  /** The largest (or smallest) value; NaN only when all values are NaN. */
  static double extreme(double[] values, int from, int to, boolean max) {
    double result = values[from];
    for (int i = from; i < to; i++) {
      if (Double.isNaN(result) || (max ? values[i] > result : values[i] < result)) {
        result = values[i];
      }
    }
    return result;
  }

  /** The population variance, by Welford's method. */
  static double variance(double[] values, int from, int to) {
    double mean = 0;
    double squares = 0;
    int count = 0;
    for (int i = from; i < to; i++) {
      count++;
      double delta = values[i] - mean;
      mean += delta / count;
      squares += delta * (values[i] - mean);
    }
    return squares / count;
  }

  /** Prometheus's quantile: linear interpolation between the closest ranks; sorts {@code values}. */
  static double quantile(double q, double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    Arrays.sort(values);
    double rank = q * (values.length - 1);
    int lower = (int) Math.max(0, Math.floor(rank));
    int upper = (int) Math.min(values.length - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return values[lower] * (1 - weight) + values[upper] * weight;
  }

  /**
   * Loki's {@code rate_counter}: Prometheus's extrapolated counter rate, except that Loki sees only the samples,
   * so it takes the window to start one range before the first sample and to end at the last one.
   */
  private static double counterRate(long[] timestamps, double[] values, int from, int to, long rangeMillis) {
    int count = to - from;
    if (count < 2) {
      return 0;
    }
    long firstMillis = timestamps[from] / 1_000_000;
    long lastMillis = timestamps[to - 1] / 1_000_000;
    double first = values[from];
    double increase = values[to - 1] - first;
    double previous = 0;
    for (int i = from; i < to; i++) {
      if (values[i] < previous) {
        increase += previous;
      }
      previous = values[i];
    }
    double toStart = rangeMillis / 1000.0;
    double sampled = (lastMillis - firstMillis) / 1000.0;
    double averageGap = sampled / (count - 1);
    if (increase > 0 && first >= 0) {
      toStart = Math.min(toStart, sampled * (first / increase));
    }
    double threshold = averageGap * 1.1;
    double extrapolated = sampled + (toStart < threshold ? toStart : averageGap / 2);
    // The window ends at the last sample: nothing to extrapolate on that side.
    return increase * (extrapolated / sampled) / (rangeMillis / 1000.0);
  }
}
