package dev.floe.promql.engine;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.lang.MatchType;
import dev.floe.promql.Call;
import dev.floe.promql.Expr;
import dev.floe.promql.MatrixSelector;
import dev.floe.promql.ParenExpr;
import dev.floe.promql.VectorSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/** Dispatches function calls to their family and implements the simple instant-vector functions. */
final class FunctionCalls {
  private FunctionCalls() {}

  static Value eval(Evaluator ev, Call call, long t) {
    String name = call.function().name();
    if (call.function().experimental() && !ev.options().experimentalFunctions()) {
      throw new PromqlEvalException("function \"" + name + "\" is experimental and not enabled");
    }
    if (RangeFunctions.NAMES.contains(name)) {
      return RangeFunctions.eval(ev, call, t);
    }
    if (name.startsWith("histogram_")) {
      return HistogramFunctions.eval(ev, call, t);
    }
    if (name.startsWith("label_")) {
      return LabelFunctions.eval(ev, call, t);
    }
    if (TimeFunctions.NAMES.contains(name)) {
      return TimeFunctions.eval(ev, call, t);
    }
    DoubleUnaryOperator math = MathFunctions.get(name);
    if (math != null) {
      return map(ev.evalVector(call.args().get(0), t), math);
    }
    List<Expr> args = call.args();
    return switch (name) {
      case "time" -> new Scalar(t, t / 1000.0);
      case "pi" -> new Scalar(t, Math.PI);
      case "start" -> new Scalar(t, ev.window().startMs() / 1000.0);
      case "end" -> new Scalar(t, ev.window().endMs() / 1000.0);
      case "step" -> new Scalar(t, ev.window().stepMs() / 1000.0);
      case "range" -> new Scalar(t, (ev.window().endMs() - ev.window().startMs()) / 1000.0);
      case "min_of" -> new Scalar(t, goMin(ev.evalScalar(args.get(0), t), ev.evalScalar(args.get(1), t)));
      case "max_of" -> new Scalar(t, goMax(ev.evalScalar(args.get(0), t), ev.evalScalar(args.get(1), t)));
      case "vector" -> new Vector(List.of(new VectorSample(Labels.EMPTY, t, ev.evalScalar(args.get(0), t), null, false)));
      case "scalar" -> scalar(ev.evalVector(args.get(0), t), t);
      case "round" -> {
        double nearest = args.size() > 1 ? ev.evalScalar(args.get(1), t) : 1;
        double inverse = 1 / nearest;
        yield map(ev.evalVector(args.get(0), t), v -> Math.floor(v * inverse + 0.5) / inverse);
      }
      case "clamp" -> {
        Vector input = ev.evalVector(args.get(0), t);
        double min = ev.evalScalar(args.get(1), t);
        double max = ev.evalScalar(args.get(2), t);
        yield max < min ? new Vector(List.of()) : map(input, v -> goMax(min, goMin(max, v)));
      }
      case "clamp_min" -> {
        Vector input = ev.evalVector(args.get(0), t);
        double min = ev.evalScalar(args.get(1), t);
        yield map(input, v -> goMax(min, v));
      }
      case "clamp_max" -> {
        Vector input = ev.evalVector(args.get(0), t);
        double max = ev.evalScalar(args.get(1), t);
        yield map(input, v -> goMin(max, v));
      }
      case "timestamp" -> timestamp(ev, args.get(0), t);
      case "info" -> InfoFunction.eval(ev, call, t);
      case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc" -> Sorting.eval(ev, call, t);
      case "absent" -> absent(ev.evalVector(args.get(0), t).samples().isEmpty(), args.get(0), t);
      case "absent_over_time" -> absent(ev.evalRange(args.get(0), t).series().isEmpty(), args.get(0), t);
      default -> throw new PromqlEvalException("function \"" + name + "\" is not supported");
    };
  }

  /** Applies a float function to each float sample, dropping histograms and the metric name. */
  static Vector map(Vector input, DoubleUnaryOperator function) {
    List<VectorSample> out = new ArrayList<>();
    for (VectorSample sample : input.samples()) {
      if (!sample.isHistogram()) {
        out.add(sample.withValue(function.applyAsDouble(sample.value())).droppingName());
      }
    }
    return new Vector(out);
  }

  /** Go's {@code math.Max}: NaN wins. */
  private static double goMax(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
  }

  private static double goMin(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
  }

  private static Scalar scalar(Vector input, long t) {
    List<VectorSample> floats = input.samples().stream().filter(s -> !s.isHistogram()).toList();
    return new Scalar(t, floats.size() == 1 ? floats.get(0).value() : Double.NaN);
  }

  private static Vector timestamp(Evaluator ev, Expr arg, long t) {
    Vector input = unwrap(arg) instanceof VectorSelector selector
        ? ev.selectInstant(selector, t, true) : ev.evalVector(arg, t);
    List<VectorSample> out = new ArrayList<>();
    for (VectorSample sample : input.samples()) {
      out.add(new VectorSample(sample.labels(), t, sample.timestampMs() / 1000.0, null, true));
    }
    return new Vector(out);
  }

  private static Expr unwrap(Expr expr) {
    Expr inner = expr;
    while (inner instanceof ParenExpr paren) {
      inner = paren.expr();
    }
    return inner;
  }

  /** absent and absent_over_time: labels come from the equality matchers of a lone selector argument. */
  private static Vector absent(boolean empty, Expr arg, long t) {
    if (!empty) {
      return new Vector(List.of());
    }
    Expr inner = unwrap(arg);
    VectorSelector selector = inner instanceof VectorSelector s ? s
        : inner instanceof MatrixSelector m ? m.selector() : null;
    Labels.Builder labels = Labels.builder();
    if (selector != null) {
      // A label matched more than once, or other than by equality, has no single value to report.
      Set<String> seen = new HashSet<>();
      Set<String> ambiguous = new HashSet<>();
      for (LabelMatcher matcher : selector.matchers()) {
        if (!matcher.name().equals(Names.METRIC_NAME)) {
          if (!seen.add(matcher.name()) || matcher.type() != MatchType.EQUAL) {
            ambiguous.add(matcher.name());
          }
          labels.set(matcher.name(), matcher.value());
        }
      }
      ambiguous.forEach(labels::remove);
    }
    return new Vector(List.of(new VectorSample(labels.build(), t, 1, null, false)));
  }
}
