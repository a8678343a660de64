package dev.floe.promql.engine;

/** Compensated float sums and means, as Prometheus computes sum, avg and the *_over_time functions. */
final class KahanSum {
  private double sum;
  private double compensation;

  void add(double value) {
    double t = sum + value;
    if (Double.isInfinite(t)) {
      compensation = 0;
    } else if (Math.abs(sum) >= Math.abs(value)) {
      compensation += (sum - t) + value;
    } else {
      compensation += (value - t) + sum;
    }
    sum = t;
  }

  double value() {
    // An infinite sum would turn into NaN with the compensation added.
    return Double.isInfinite(sum) ? sum : sum + compensation;
  }

  static double sum(double[] values) {
    KahanSum sum = new KahanSum();
    for (double v : values) {
      sum.add(v);
    }
    return sum.value();
  }

  /** The mean, summing directly unless that overflows, then averaging incrementally. */
  static double mean(double[] values) {
    KahanSum sum = new KahanSum();
    for (double v : values) {
      sum.add(v);
    }
    if (!Double.isInfinite(sum.sum) || hasInfinity(values)) {
      return sum.value() / values.length;
    }
    double mean = 0;
    double compensation = 0;
    for (int i = 0; i < values.length; i++) {
      // Incremental mean with Kahan compensation, to stay finite where the sum overflows.
      double delta = values[i] / (i + 1) - mean / (i + 1);
      double y = delta - compensation;
      double t = mean + y;
      compensation = (t - mean) - y;
      mean = t;
    }
    return mean;
  }

  private static boolean hasInfinity(double[] values) {
    for (double v : values) {
      if (Double.isInfinite(v)) {
        return true;
      }
    }
    return false;
  }
}
