package dev.floe.promql.engine;

import dev.floe.promql.Expr;
import java.util.List;

/** The sum of native histograms, as the sum and avg aggregations and sum_over_time compute it. */
record HistogramSum(FloatHistogram histogram) {

  /** The sum, or {@code null} (with a warning) when exponential and custom bucket histograms are mixed. */
  static HistogramSum of(List<VectorSample> samples, Annotations annotations, String context, Expr node) {
    FloatHistogram sum = null;
    boolean reconciled = false;
    // The sum of observations is summed with compensation, as large values may cancel out.
    KahanSum observations = new KahanSum();
    for (VectorSample sample : samples) {
      FloatHistogram h = sample.histogram();
      observations.add(h.sum());
      if (sum == null) {
        sum = h;
        continue;
      }
      if (sum.usesCustomBuckets() != h.usesCustomBuckets()) {
        annotations.warn("vector contains a mix of histograms with exponential and custom buckets schemas", node);
        return null;
      }
      FloatHistogram.Combined combined = sum.combine(h, false);
      reconciled |= combined.reconciledCustomBuckets();
      sum = combined.histogram();
    }
    if (reconciled) {
      annotations.info("mismatched custom buckets were reconciled during " + context, node);
    }
    return new HistogramSum(sum.withSum(observations.value()).withHint(FloatHistogram.CounterResetHint.GAUGE));
  }
}
