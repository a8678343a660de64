package dev.floe.promql.engine;

import java.util.Arrays;

/** The φ-quantile of a set of floats, by linear interpolation as Prometheus's quantile aggregation. */
final class Quantiles {
  private Quantiles() {}

  static double quantile(double q, double[] values) {
    if (values.length == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    // Go sorts NaN first, Java last; Prometheus's interpolation relies on Go's order.
    int nans = 0;
    while (nans < sorted.length && Double.isNaN(sorted[sorted.length - 1 - nans])) {
      nans++;
    }
    if (nans > 0) {
      System.arraycopy(sorted, 0, sorted, nans, sorted.length - nans);
      Arrays.fill(sorted, 0, nans, Double.NaN);
    }
    double rank = q * (sorted.length - 1);
    int lower = (int) Math.max(0, Math.floor(rank));
    int upper = Math.min(sorted.length - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return sorted[lower] * (1 - weight) + sorted[upper] * weight;
  }
}
