package dev.floe.promql.engine;

import dev.floe.promql.Call;
import dev.floe.promql.Expr;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** histogram_quantile, histogram_fraction and the native histogram statistics. */
final class HistogramFunctions {
  private HistogramFunctions() {}

  static Vector eval(Evaluator ev, Call call, long t) {
    String name = call.function().name();
    List<Expr> args = call.args();
    return switch (name) {
      case "histogram_count" -> stat(ev.evalVector(args.get(0), t), FloatHistogram::count);
      case "histogram_sum" -> stat(ev.evalVector(args.get(0), t), FloatHistogram::sum);
      case "histogram_avg" -> stat(ev.evalVector(args.get(0), t), h -> h.sum() / h.count());
      case "histogram_stdvar" -> stat(ev.evalVector(args.get(0), t), NativeHistograms::variance);
      case "histogram_stddev" -> stat(ev.evalVector(args.get(0), t), h -> Math.sqrt(NativeHistograms.variance(h)));
      case "histogram_quantile" -> {
        double q = ev.evalScalar(args.get(0), t);
        warnQuantile(ev, q, args.get(0));
        yield new Vector(perHistogram(ev, name, args.get(1), ev.evalVector(args.get(1), t), t,
            h -> NativeHistograms.quantile(q, h), buckets -> buckets.quantile(q)));
      }
      case "histogram_quantiles" -> quantiles(ev, args, t);
      case "histogram_fraction" -> {
        double lower = ev.evalScalar(args.get(0), t);
        double upper = ev.evalScalar(args.get(1), t);
        yield new Vector(perHistogram(ev, name, args.get(2), ev.evalVector(args.get(2), t), t,
            h -> NativeHistograms.fraction(lower, upper, h), buckets -> buckets.fraction(lower, upper)));
      }
      default -> throw new PromqlEvalException("function \"" + name + "\" is not supported");
    };
  }

  private static Vector stat(Vector input, ToDoubleFunction<FloatHistogram> function) {
    List<VectorSample> out = new ArrayList<>();
    for (VectorSample sample : input.samples()) {
      if (sample.isHistogram()) {
        out.add(sample.withValue(function.applyAsDouble(sample.histogram())).droppingName());
      }
    }
    return new Vector(out);
  }

  /**
   * Native histograms each give a value; classic buckets are grouped by their labels without
   * {@code le}. The results keep the labels, their name to be dropped.
   */
  private static List<VectorSample> perHistogram(Evaluator ev, String function, Expr arg, Vector input, long t,
      ToDoubleFunction<FloatHistogram> nativeFn, ToDoubleFunction<ClassicBuckets> classicFn) {
    Map<Labels, ClassicBuckets> classic = new LinkedHashMap<>();
    Map<Labels, VectorSample> natives = new LinkedHashMap<>();
    for (VectorSample sample : input.samples()) {
      if (sample.isHistogram()) {
        natives.put(sample.labels(), sample);
        continue;
      }
      String le = sample.labels().get("le");
      double bound;
      try {
        bound = parseBound(le);
      } catch (NumberFormatException e) {
        ev.annotations().warn("bucket label \"le\" is missing or has a malformed value of \"" + le
            + "\" for metric name \"" + sample.labels().get(Names.METRIC_NAME) + "\"", arg);
        continue;
      }
      classic.computeIfAbsent(sample.labels().without(List.of("le")), k -> new ClassicBuckets())
          .add(bound, sample.value());
    }
    List<VectorSample> out = new ArrayList<>();
    for (Map.Entry<Labels, ClassicBuckets> group : classic.entrySet()) {
      String name = group.getKey().get(Names.METRIC_NAME);
      if (natives.remove(group.getKey()) != null) {
        ev.annotations().warn("vector contains a mix of classic and native histograms for metric name \""
            + name + "\"", arg);
        continue;
      }
      double value = classicFn.applyAsDouble(group.getValue());
      if (group.getValue().forcedMonotonic()) {
        ev.annotations().info("input to histogram_quantile needed to be fixed for monotonicity (see "
            + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \""
            + name + "\"", arg);
      }
      out.add(new VectorSample(group.getKey(), t, value, null, true));
    }
    for (VectorSample sample : natives.values()) {
      double value = nativeFn.applyAsDouble(sample.histogram());
      if (NativeHistograms.nanObservations(sample.histogram()) > 0) {
        String effect = function.equals("histogram_fraction") ? "which are excluded from all fractions"
            : Double.isNaN(value) ? "result is NaN" : "result is skewed higher";
        ev.annotations().info("input to " + function + " has NaN observations, " + effect + " for metric name \""
            + sample.labels().get(Names.METRIC_NAME) + "\"", arg);
      }
      out.add(sample.withValue(value).droppingName());
    }
    return out;
  }

  /** The experimental histogram_quantiles: one series per quantile, told apart by a label. */
  private static Vector quantiles(Evaluator ev, List<Expr> args, long t) {
    Vector input = ev.evalVector(args.get(0), t);
    String label = ev.evalString(args.get(1), t);
    List<VectorSample> out = new ArrayList<>();
    for (int i = 2; i < args.size(); i++) {
      double q = ev.evalScalar(args.get(i), t);
      warnQuantile(ev, q, args.get(i));
      List<VectorSample> results = perHistogram(ev, "histogram_quantile", args.get(0), input, t,
          h -> NativeHistograms.quantile(q, h), buckets -> buckets.quantile(q));
      for (VectorSample sample : results) {
        out.add(sample.withLabels(sample.labels().toBuilder().set(label, Double.toString(q)).build()));
      }
    }
    return new Vector(out);
  }

  private static void warnQuantile(Evaluator ev, double q, Expr node) {
    if (Double.isNaN(q) || q < 0 || q > 1) {
      ev.annotations().warn("quantile value should be between 0 and 1, got " + Format.goG(q), node);
    }
  }

  /** Parses an {@code le} value as Go's ParseFloat does, including {@code +Inf}. */
  private static double parseBound(String le) {
    String trimmed = le.trim();
    if (trimmed.isEmpty() || !trimmed.equals(le)) {
      throw new NumberFormatException(le);
    }
    return switch (le.toLowerCase(java.util.Locale.ROOT)) {
      case "+inf", "inf", "+infinity", "infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> {
        if (le.endsWith("d") || le.endsWith("D") || le.endsWith("f") || le.endsWith("F")) {
          throw new NumberFormatException(le);
        }
        yield Double.parseDouble(le);
      }
    };
  }
}
