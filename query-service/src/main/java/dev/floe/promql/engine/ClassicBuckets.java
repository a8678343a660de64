package dev.floe.promql.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Quantiles and fractions of classic histograms: cumulative {@code le} bucket counters. */
final class ClassicBuckets {
  private final List<double[]> buckets = new ArrayList<>();
  private boolean forcedMonotonic;

  void add(double upperBound, double count) {
    buckets.add(new double[] {upperBound, count});
  }

  boolean forcedMonotonic() {
    return forcedMonotonic;
  }

  /** Sorts, merges equal bounds and evens out decreasing counts; false when there is no +Inf bucket. */
  private boolean prepare() {
    buckets.sort(Comparator.comparingDouble(b -> b[0]));
    if (buckets.isEmpty() || buckets.get(buckets.size() - 1)[0] != Double.POSITIVE_INFINITY) {
      return false;
    }
    List<double[]> merged = new ArrayList<>();
    for (double[] b : buckets) {
      if (!merged.isEmpty() && merged.get(merged.size() - 1)[0] == b[0]) {
        merged.get(merged.size() - 1)[1] += b[1];
      } else {
        merged.add(b.clone());
      }
    }
    buckets.clear();
    buckets.addAll(merged);
    double previous = buckets.get(0)[1];
    for (int i = 1; i < buckets.size(); i++) {
      double current = buckets.get(i)[1];
      if (current == previous) {
        continue;
      }
      if (almostEqual(previous, current, 1e-12)) {
        buckets.get(i)[1] = previous;
        continue;
      }
      if (current < previous) {
        buckets.get(i)[1] = previous;
        forcedMonotonic = true;
        continue;
      }
      previous = current;
    }
    return true;
  }

  double quantile(double q) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (!prepare() || buckets.size() < 2) {
      return Double.NaN;
    }
    double observations = buckets.get(buckets.size() - 1)[1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < buckets.size() - 1 && buckets.get(b)[1] < rank) {
      b++;
    }
    if (b == buckets.size() - 1) {
      return buckets.get(buckets.size() - 2)[0];
    }
    if (b == 0 && buckets.get(0)[0] <= 0) {
      return buckets.get(0)[0];
    }
    double start = 0;
    double end = buckets.get(b)[0];
    double count = buckets.get(b)[1];
    if (b > 0) {
      start = buckets.get(b - 1)[0];
      count -= buckets.get(b - 1)[1];
      rank -= buckets.get(b - 1)[1];
    }
    return start + (end - start) * (rank / count);
  }

  double fraction(double lower, double upper) {
    if (!prepare()) {
      return Double.NaN;
    }
    List<NativeHistograms.Bucket> ranges = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      double upperBound = buckets.get(i)[0];
      // As for quantiles, a first bucket ending above zero is taken to start at zero.
      double lowerBound = i > 0 ? buckets.get(i - 1)[0] : (upperBound > 0 ? 0 : Double.NEGATIVE_INFINITY);
      double count = buckets.get(i)[1] - (i > 0 ? buckets.get(i - 1)[1] : 0);
      ranges.add(new NativeHistograms.Bucket(lowerBound, upperBound, count, false));
    }
    double total = buckets.get(buckets.size() - 1)[1];
    return NativeHistograms.fraction(lower, upper, ranges, total, total, false);
  }

  /** Prometheus's {@code almost.Equal}: relative difference below epsilon. */
  static boolean almostEqual(double a, double b, double epsilon) {
    if (a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
      return diff < epsilon * Double.MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
  }
}
