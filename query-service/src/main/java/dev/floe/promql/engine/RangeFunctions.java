package dev.floe.promql.engine;

import dev.floe.promql.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The functions of a range vector: rate and its kin, the *_over_time family, deriv and predict_linear. */
final class RangeFunctions {
  static final Set<String> NAMES = Set.of(
      "rate", "increase", "delta", "irate", "idelta", "deriv", "predict_linear", "changes", "resets",
      "avg_over_time", "sum_over_time", "count_over_time", "min_over_time", "max_over_time", "last_over_time",
      "first_over_time", "stddev_over_time", "stdvar_over_time", "quantile_over_time", "mad_over_time",
      "present_over_time", "double_exponential_smoothing", "ts_of_first_over_time", "ts_of_last_over_time",
      "ts_of_max_over_time", "ts_of_min_over_time");

  private final Evaluator evaluator;
  private final Call call;
  private final long t;
  private final Annotations annotations;

  private RangeFunctions(Evaluator evaluator, Call call, long t) {
    this.evaluator = evaluator;
    this.call = call;
    this.t = t;
    this.annotations = evaluator.annotations();
  }

  static Vector eval(Evaluator evaluator, Call call, long t) {
    return new RangeFunctions(evaluator, call, t).eval();
  }

  private Vector eval() {
    String name = call.function().name();
    int rangeArg = name.equals("quantile_over_time") ? 1 : 0;
    double[] params = new double[call.args().size()];
    for (int i = 0; i < params.length; i++) {
      if (i != rangeArg) {
        params[i] = evaluator.evalScalar(call.args().get(i), t);
      }
    }
    checkParams(name, params);
    Evaluator.RangeArg range = evaluator.evalRange(call.args().get(rangeArg), t);
    boolean keepName = name.equals("last_over_time") || name.equals("first_over_time");
    List<VectorSample> out = new ArrayList<>();
    for (Series series : range.series()) {
      SeriesWindow window = new SeriesWindow(series, range, t, annotations, call.args().get(rangeArg));
      Sample result = apply(name, window, params);
      if (result != null) {
        VectorSample sample = new VectorSample(series.labels(), t, result.value(), result.histogram(), false);
        out.add(keepName ? sample : sample.droppingName());
      }
    }
    return new Vector(out);
  }

  private void checkParams(String name, double[] params) {
    if (name.equals("quantile_over_time") && (Double.isNaN(params[0]) || params[0] < 0 || params[0] > 1)) {
      annotations.warn("quantile value should be between 0 and 1, got " + Format.goG(params[0]), call.args().get(0));
    }
    if (name.equals("double_exponential_smoothing")) {
      if (!(params[1] > 0 && params[1] < 1)) {
        throw new PromqlEvalException("invalid smoothing factor. Expected: 0 < sf < 1, got: " + goFloat(params[1]));
      }
      if (!(params[2] > 0 && params[2] < 1)) {
        throw new PromqlEvalException("invalid trend factor. Expected: 0 < tf < 1, got: " + goFloat(params[2]));
      }
    }
  }

  private static String goFloat(double value) {
    return String.format(java.util.Locale.ROOT, "%f", value);
  }

  private Sample apply(String name, SeriesWindow w, double[] params) {
    return switch (name) {
      case "rate" -> Rates.extrapolated(w, true, true);
      case "increase" -> Rates.extrapolated(w, true, false);
      case "delta" -> Rates.extrapolated(w, false, false);
      case "irate" -> Rates.instant(w, true);
      case "idelta" -> Rates.instant(w, false);
      case "deriv" -> w.floatsOrIgnoreHistograms(f -> f.length < 2 ? null : Regression.of(w.floatSamples(), w.floatSamples().get(0).timestampMs()).slope());
      case "predict_linear" -> w.floatsOrIgnoreHistograms(f -> {
        if (f.length < 2) {
          return null;
        }
        Regression r = Regression.of(w.floatSamples(), t);
        return r.slope() * params[1] + r.intercept();
      });
      case "double_exponential_smoothing" -> w.floatsOrIgnoreHistograms(f -> smooth(f, params[1], params[2]));
      case "changes" -> Sample.of(t, changes(w.samples(), false));
      case "resets" -> Sample.of(t, changes(w.samples(), true));
      case "count_over_time" -> Sample.of(t, w.samples().size());
      case "present_over_time" -> Sample.of(t, 1);
      case "last_over_time" -> w.samples().get(w.samples().size() - 1);
      case "first_over_time" -> w.samples().get(0);
      case "ts_of_last_over_time" -> Sample.of(t, w.samples().get(w.samples().size() - 1).timestampMs() / 1000.0);
      case "ts_of_first_over_time" -> Sample.of(t, w.samples().get(0).timestampMs() / 1000.0);
      case "sum_over_time", "avg_over_time" -> OverTime.sumOrAvg(w, name.equals("avg_over_time"));
      case "min_over_time", "max_over_time" -> w.floatsOrIgnoreHistograms(f -> OverTime.extreme(f, name.startsWith("max")));
      case "ts_of_min_over_time", "ts_of_max_over_time" -> w.floatsOrIgnoreHistograms(f -> OverTime.extremeTime(w.floatSamples(), name.contains("max")));
      case "stddev_over_time" -> w.floatsOrIgnoreHistograms(f -> Math.sqrt(OverTime.variance(f)));
      case "stdvar_over_time" -> w.floatsOrIgnoreHistograms(OverTime::variance);
      case "quantile_over_time" -> w.floatsOrIgnoreHistograms(f -> Quantiles.quantile(params[0], f));
      case "mad_over_time" -> w.floatsOrIgnoreHistograms(OverTime::medianAbsoluteDeviation);
      default -> throw new PromqlEvalException("unsupported function: " + name);
    };
  }

  private static double changes(List<Sample> samples, boolean resets) {
    int count = 0;
    for (int i = 1; i < samples.size(); i++) {
      Sample prev = samples.get(i - 1);
      Sample cur = samples.get(i);
      if (prev.isHistogram() != cur.isHistogram()) {
        count++;
      } else if (cur.isHistogram()) {
        count += resets ? (cur.histogram().isResetAfter(prev.histogram()) ? 1 : 0)
            : (cur.histogram().approximatelyEquals(prev.histogram(), 0) ? 0 : 1);
      } else if (resets) {
        count += cur.value() < prev.value() ? 1 : 0;
      } else {
        count += cur.value() != prev.value() && !(Double.isNaN(cur.value()) && Double.isNaN(prev.value())) ? 1 : 0;
      }
    }
    return count;
  }

  private static Double smooth(double[] f, double sf, double tf) {
    if (f.length < 2) {
      return null;
    }
    double s0 = 0;
    double s1 = f[0];
    double b = f[1] - f[0];
    for (int i = 1; i < f.length; i++) {
      double x = sf * f[i];
      if (i > 1) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  }
}
