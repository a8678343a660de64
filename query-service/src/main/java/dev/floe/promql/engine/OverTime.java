package dev.floe.promql.engine;

import java.util.Arrays;
import java.util.List;

/** The *_over_time aggregations of a window's samples. */
final class OverTime {
  private OverTime() {}

  static Sample sumOrAvg(SeriesWindow w, boolean average) {
    List<Sample> samples = w.samples();
    if (w.hasHistograms()) {
      if (!w.floatSamples().isEmpty()) {
        w.warnMixed();
        return null;
      }
      List<VectorSample> histograms = samples.stream()
          .map(s -> new VectorSample(null, s.timestampMs(), 0, s.histogram(), false)).toList();
      HistogramSum sum = HistogramSum.of(histograms, w.annotations(), "aggregation", w.node());
      if (sum == null) {
        return null;
      }
      return Sample.of(w.time(), average ? sum.histogram().scale(1.0 / samples.size()) : sum.histogram());
    }
    double[] values = samples.stream().mapToDouble(Sample::value).toArray();
    return Sample.of(w.time(), average ? KahanSum.mean(values) : KahanSum.sum(values));
  }

  static Double extreme(double[] values, boolean max) {
    double result = values[0];
    for (double v : values) {
      if ((max ? v > result : v < result) || Double.isNaN(result)) {
        result = v;
      }
    }
    return result;
  }

  static Double extremeTime(List<Sample> samples, boolean max) {
    Sample best = samples.get(0);
    for (Sample s : samples) {
      if ((max ? s.value() >= best.value() : s.value() <= best.value()) || Double.isNaN(best.value())) {
        best = s;
      }
    }
    return best.timestampMs() / 1000.0;
  }

  /** The population variance, by Welford's method with compensated sums. */
  static Double variance(double[] values) {
    double count = 0;
    KahanSum mean = new KahanSum();
    KahanSum aux = new KahanSum();
    for (double v : values) {
      count++;
      double delta = v - mean.value();
      mean.add(delta / count);
      aux.add(delta * (v - mean.value()));
    }
    return aux.value() / count;
  }

  static Double medianAbsoluteDeviation(double[] values) {
    if (Arrays.stream(values).anyMatch(Double::isNaN)) {
      return Double.NaN;
    }
    double median = Quantiles.quantile(0.5, values);
    double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
    return Quantiles.quantile(0.5, deviations);
  }
}
