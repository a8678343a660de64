package dev.floe.promql.engine;

import java.util.List;

/** Least-squares linear regression over samples, with compensated sums, for deriv and predict_linear. */
record Regression(double slope, double intercept) {

  /** The fit of value against seconds since {@code interceptTimeMs}. */
  static Regression of(List<Sample> samples, long interceptTimeMs) {
    KahanSum sumX = new KahanSum();
    KahanSum sumY = new KahanSum();
    KahanSum sumXY = new KahanSum();
    KahanSum sumX2 = new KahanSum();
    double initY = samples.get(0).value();
    boolean constY = true;
    double n = 0;
    for (Sample sample : samples) {
      constY &= sample.value() == initY;
      n++;
      double x = (sample.timestampMs() - interceptTimeMs) / 1e3;
      sumX.add(x);
      sumY.add(sample.value());
      sumXY.add(x * sample.value());
      sumX2.add(x * x);
    }
    if (constY) {
      return Double.isInfinite(initY) ? new Regression(Double.NaN, Double.NaN) : new Regression(0, initY);
    }
    double sx = sumX.value();
    double sy = sumY.value();
    double covXY = sumXY.value() - sx * sy / n;
    double varX = sumX2.value() - sx * sx / n;
    double slope = covXY / varX;
    return new Regression(slope, sy / n - slope * sx / n);
  }
}
