package dev.floe.promql.engine;

import dev.floe.lang.GoStrings;
import dev.floe.lang.Labels;
import dev.floe.promql.AggregateExpr;
import dev.floe.promql.AggregateOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The aggregations that keep some of their input samples: topk, bottomk, limitk and limit_ratio. */
final class Selections {
  private Selections() {}

  static Vector eval(AggregateExpr expr, double param, Vector input, Annotations annotations, long t) {
    AggregateOp op = expr.op();
    if (Double.isNaN(param)) {
      throw new PromqlEvalException(op == AggregateOp.LIMIT_RATIO ? "Ratio value is NaN" : "Parameter value is NaN");
    }
    if (op == AggregateOp.LIMIT_RATIO) {
      return limitRatio(expr, param, input, annotations);
    }
    if (param >= 0x1p63) {
      throw new PromqlEvalException("Scalar value " + GoStrings.formatFloat(param) + " overflows int64");
    }
    long k = (long) param;
    List<VectorSample> out = new ArrayList<>();
    if (k < 1) {
      return new Vector(out);
    }
    for (Map.Entry<Labels, List<VectorSample>> group : Aggregations.groups(expr, input.samples()).entrySet()) {
      List<VectorSample> candidates = new ArrayList<>(group.getValue());
      if (op != AggregateOp.LIMITK) {
        if (candidates.removeIf(VectorSample::isHistogram)) {
          annotations.info("ignored histogram in " + op.symbol() + " aggregation", expr.expr());
        }
        Comparator<VectorSample> byValue = Comparator.comparingDouble(VectorSample::value);
        Comparator<VectorSample> order = op == AggregateOp.TOPK ? byValue.reversed() : byValue;
        // NaN ranks last either way.
        candidates.sort(Comparator.<VectorSample, Boolean>comparing(s -> Double.isNaN(s.value())).thenComparing(order));
      }
      candidates.stream().limit(k).forEach(out::add);
    }
    return new Vector(out);
  }

  /**
   * Keeps the series whose label hash falls below the ratio (or, for a negative ratio, in the
   * complementary top part), so that a ratio keeps a stable subset across steps. The hash is not
   * Prometheus's, so the subset differs from the one Prometheus picks.
   */
  /** A uniform value in [0, 1) from the labels: FNV-1a over their text. */
  private static double unitHash(Labels labels) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : labels.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return (hash >>> 11) * 0x1.0p-53;
  }

  private static Vector limitRatio(AggregateExpr expr, double ratio, Vector input, Annotations annotations) {
    if (ratio < -1 || ratio > 1) {
      annotations.warn("ratio value should be between -1 and 1, got " + Format.goG(ratio) + ", capping to "
          + (ratio < 0 ? "-1" : "1"), expr.param());
      ratio = Math.max(-1, Math.min(1, ratio));
    }
    List<VectorSample> out = new ArrayList<>();
    for (VectorSample sample : input.samples()) {
      double offset = unitHash(sample.labels());
      boolean keep = ratio >= 0 ? offset < ratio : offset >= 1 + ratio;
      if (keep) {
        out.add(sample);
      }
    }
    return new Vector(out);
  }
}
