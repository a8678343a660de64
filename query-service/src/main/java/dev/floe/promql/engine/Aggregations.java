package dev.floe.promql.engine;

import dev.floe.lang.GoStrings;
import dev.floe.lang.Labels;
import dev.floe.promql.AggregateExpr;
import dev.floe.promql.AggregateOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The aggregation operators: samples grouped by their {@code by} / {@code without} labels. */
final class Aggregations {
  private Aggregations() {}

  static Vector eval(Evaluator evaluator, AggregateExpr expr, long t) {
    if (expr.op().isExperimental() && !evaluator.options().experimentalFunctions()) {
      throw new PromqlEvalException(expr.op().symbol() + " is an experimental aggregation and is not enabled");
    }
    Vector input = evaluator.evalVector(expr.expr(), t);
    Annotations annotations = evaluator.annotations();
    return switch (expr.op()) {
      case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> Selections.eval(expr, evaluator.evalScalar(expr.param(), t),
          input, annotations, t);
      case COUNT_VALUES -> countValues(expr, evaluator.evalString(expr.param(), t), input, t);
      case QUANTILE -> {
        double q = evaluator.evalScalar(expr.param(), t);
        if (Double.isNaN(q) || q < 0 || q > 1) {
          annotations.warn("quantile value should be between 0 and 1, got " + Format.goG(q), expr.param());
        }
        yield reduce(expr, input, t, annotations, group -> Quantiles.quantile(q, floats(group)));
      }
      default -> reduce(expr, input, t, annotations, null);
    };
  }

  /**
   * A group's result. It keeps {@code __name__} only when grouping by it, and then drops it at the
   * end if any of its samples was to drop it.
   */
  private static VectorSample result(Labels labels, long t, double value, FloatHistogram histogram,
      List<VectorSample> group) {
    return new VectorSample(labels, t, value, histogram, group.stream().anyMatch(VectorSample::dropName));
  }

  /** The labels identifying a sample's group. */
  static Labels groupKey(AggregateExpr expr, Labels labels) {
    if (expr.without()) {
      List<String> drop = new ArrayList<>(expr.grouping());
      drop.addAll(Names.NAME_LABELS);
      return labels.without(drop);
    }
    return labels.only(new HashSet<>(expr.grouping()));
  }

  static Map<Labels, List<VectorSample>> groups(AggregateExpr expr, List<VectorSample> samples) {
    Map<Labels, List<VectorSample>> groups = new LinkedHashMap<>();
    for (VectorSample sample : samples) {
      groups.computeIfAbsent(groupKey(expr, sample.labels()), k -> new ArrayList<>()).add(sample);
    }
    return groups;
  }

  private static double[] floats(List<VectorSample> group) {
    return group.stream().mapToDouble(VectorSample::value).toArray();
  }

  private interface FloatReducer {
    double reduce(List<VectorSample> floats);
  }

  private static Vector reduce(AggregateExpr expr, Vector input, long t, Annotations annotations, FloatReducer custom) {
    List<VectorSample> out = new ArrayList<>();
    for (Map.Entry<Labels, List<VectorSample>> group : groups(expr, input.samples()).entrySet()) {
      List<VectorSample> floats = group.getValue().stream().filter(s -> !s.isHistogram()).toList();
      List<VectorSample> histograms = group.getValue().stream().filter(VectorSample::isHistogram).toList();
      Labels labels = group.getKey();
      AggregateOp op = expr.op();
      switch (op) {
        case COUNT -> out.add(result(labels, t, group.getValue().size(), null, group.getValue()));
        case GROUP -> out.add(result(labels, t, 1, null, group.getValue()));
        case SUM, AVG -> {
          if (!floats.isEmpty() && !histograms.isEmpty()) {
            annotations.warn("encountered a mix of histograms and floats for aggregation", expr.expr());
          } else if (!histograms.isEmpty()) {
            HistogramSum sum = HistogramSum.of(histograms, annotations, "aggregation", expr.expr());
            if (sum != null) {
              FloatHistogram h = op == AggregateOp.AVG ? sum.histogram().scale(1.0 / histograms.size()) : sum.histogram();
              out.add(result(labels, t, 0, h, group.getValue()));
            }
          } else {
            double value = op == AggregateOp.SUM ? KahanSum.sum(floats(floats)) : KahanSum.mean(floats(floats));
            out.add(result(labels, t, value, null, group.getValue()));
          }
        }
        default -> {
          if (!histograms.isEmpty()) {
            annotations.info("ignored histogram in " + op.symbol() + " aggregation", expr.expr());
          }
          if (floats.isEmpty()) {
            continue;
          }
          double value = custom != null ? custom.reduce(floats) : floatAggregate(op, floats(floats));
          out.add(result(labels, t, value, null, group.getValue()));
        }
      }
    }
    return new Vector(out);
  }

  private static double floatAggregate(AggregateOp op, double[] values) {
    switch (op) {
      case MIN, MAX -> {
        double result = values[0];
        for (double v : values) {
          boolean better = op == AggregateOp.MIN ? v < result : v > result;
          if (better || Double.isNaN(result)) {
            result = v;
          }
        }
        return result;
      }
      case STDDEV, STDVAR -> {
        double mean = 0;
        double m2 = 0;
        int n = 0;
        for (double v : values) {
          n++;
          double delta = v - mean;
          mean += delta / n;
          m2 += delta * (v - mean);
        }
        double variance = m2 / n;
        return op == AggregateOp.STDVAR ? variance : Math.sqrt(variance);
      }
      default -> throw new PromqlEvalException("unsupported aggregation: " + op.symbol());
    }
  }

  private static Vector countValues(AggregateExpr expr, String label, Vector input, long t) {
    if (!Names.isValidLabelName(label)) {
      throw new PromqlEvalException("invalid label name " + Names.quote(label));
    }
    Map<Labels, Integer> counts = new LinkedHashMap<>();
    for (VectorSample sample : input.samples()) {
      String value = sample.isHistogram() ? sample.histogram().toString() : GoStrings.formatFloat(sample.value());
      Labels key = groupKey(expr, sample.labels()).toBuilder().set(label, value).build();
      counts.merge(key, 1, Integer::sum);
    }
    List<VectorSample> out = new ArrayList<>();
    counts.forEach((labels, count) -> out.add(new VectorSample(labels, t, count, null, false)));
    return new Vector(out);
  }
}
