package dev.floe.promql.engine;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.promql.AggregateExpr;
import dev.floe.promql.BinaryExpr;
import dev.floe.promql.Call;
import dev.floe.promql.Expr;
import dev.floe.promql.MatrixSelector;
import dev.floe.promql.NumberLiteral;
import dev.floe.promql.ParenExpr;
import dev.floe.promql.RangeExtension;
import dev.floe.promql.StringLiteral;
import dev.floe.promql.SubqueryExpr;
import dev.floe.promql.UnaryExpr;
import dev.floe.promql.VectorSelector;
import dev.floe.lang.Labels;
import dev.floe.lang.QueryContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an expression at one time. Range queries evaluate it once per step; subqueries evaluate
 * their inner expression at each of their own steps. Series are selected once per query.
 */
final class Evaluator {
  private final SeriesSource source;
  private final EngineOptions options;
  private final QueryWindow window;
  private final Annotations annotations;
  private final QueryContext context;
  private final Expr query;
  private long[] bounds;
  private final Map<List<LabelMatcher>, List<Series>> selections = new HashMap<>();
  private long loadedSamples;

  Evaluator(
      SeriesSource source,
      EngineOptions options,
      QueryWindow window,
      Expr query,
      Annotations annotations,
      QueryContext context) {
    this.source = source;
    this.options = options;
    this.window = window;
    this.annotations = annotations;
    this.context = context;
    this.query = query;
  }

  Annotations annotations() {
    return annotations;
  }

  QueryWindow window() {
    return window;
  }

  EngineOptions options() {
    return options;
  }

  /** Starts counting the samples held for the next top-level step. */
  void resetSampleCount() {
    loadedSamples = 0;
  }

  void countSamples(long count) {
    loadedSamples += count;
    if (loadedSamples > options.maxSamples()) {
      throw new PromqlEvalException("query processing would load too many samples into memory in query execution");
    }
  }

  /** Stops the query when it has run out of time or its client went away. */
  void checkDeadline() {
    context.check();
  }

  Value eval(Expr expr, long t) {
    checkDeadline();
    if (expr instanceof NumberLiteral number) {
      return new Scalar(t, number.value());
    }
    if (expr instanceof StringLiteral string) {
      return new StringValue(t, string.value());
    }
    if (expr instanceof ParenExpr paren) {
      return eval(paren.expr(), t);
    }
    if (expr instanceof VectorSelector selector) {
      return selectInstant(selector, t, false);
    }
    if (expr instanceof MatrixSelector || expr instanceof SubqueryExpr) {
      return new Matrix(evalRange(expr, t).series());
    }
    if (expr instanceof UnaryExpr unary) {
      return negate(eval(unary.expr(), t));
    }
    if (expr instanceof BinaryExpr binary) {
      return BinaryEvaluator.eval(this, binary, t);
    }
    if (expr instanceof AggregateExpr aggregate) {
      return Aggregations.eval(this, aggregate, t);
    }
    if (expr instanceof Call call) {
      return FunctionCalls.eval(this, call, t);
    }
    throw new PromqlEvalException("unsupported expression: " + expr);
  }

  Vector evalVector(Expr expr, long t) {
    Value value = eval(expr, t);
    if (value instanceof Vector vector) {
      return vector;
    }
    throw new PromqlEvalException("expected instant vector, got " + value.getClass().getSimpleName());
  }

  double evalScalar(Expr expr, long t) {
    Value value = eval(expr, t);
    if (value instanceof Scalar scalar) {
      return scalar.value();
    }
    throw new PromqlEvalException("expected scalar, got " + value.getClass().getSimpleName());
  }

  String evalString(Expr expr, long t) {
    Value value = eval(expr, t);
    if (value instanceof StringValue string) {
      return string.value();
    }
    throw new PromqlEvalException("expected string, got " + value.getClass().getSimpleName());
  }

  private Value negate(Value value) {
    if (value instanceof Scalar scalar) {
      return new Scalar(scalar.timestampMs(), -scalar.value());
    }
    List<VectorSample> out = new ArrayList<>();
    for (VectorSample sample : ((Vector) value).samples()) {
      VectorSample negated = sample.isHistogram()
          ? sample.withHistogram(sample.histogram().scale(-1).withHint(FloatHistogram.CounterResetHint.GAUGE))
          : sample.withValue(-sample.value());
      out.add(negated.droppingName());
    }
    return new Vector(out);
  }

  /** The series of a selector, selected once per query over the whole interval the query reads. */
  private List<Series> selected(VectorSelector selector) {
    if (bounds == null) {
      bounds = SelectionBounds.of(query, window, options.lookbackDelta().toMillis(), this);
    }
    return selections.computeIfAbsent(selector.allMatchers(), matchers -> source.select(matchers, bounds[0], bounds[1]));
  }

  /**
   * A range, step or offset: fixed, or given by an experimental duration expression, which depends
   * only on the query window and so is evaluated at its start.
   */
  long durationMs(long fixedMs, Expr expr) {
    return expr == null ? fixedMs : Math.round(evalScalar(expr, window.startMs()) * 1000);
  }

  /**
   * The newest sample of each series within the lookback window before {@code t}, unless it is a
   * staleness marker. The samples take the evaluation time, or their own with {@code keepSampleTime}.
   */
  Vector selectInstant(VectorSelector selector, long t, boolean keepSampleTime) {
    long ts = window.resolve(selector.at(), t) - durationMs(selector.offsetMillis(), selector.offsetExpr());
    long lookback = options.lookbackDelta().toMillis();
    List<VectorSample> out = new ArrayList<>();
    for (Series series : selected(selector)) {
      checkDeadline();
      List<Sample> samples = series.samples();
      int index = lastAtOrBefore(samples, ts);
      if (index < 0) {
        continue;
      }
      Sample sample = samples.get(index);
      if (sample.timestampMs() <= ts - lookback || sample.isStale()) {
        continue;
      }
      if (selector.extension() == RangeExtension.SMOOTHED) {
        sample = ExtendedRanges.at(samples, ts, lookback);
      }
      long time = keepSampleTime ? sample.timestampMs() : t;
      out.add(new VectorSample(series.labels(), time, sample.value(), sample.histogram(), false));
    }
    countSamples(out.size());
    return new Vector(out);
  }

  /** A range vector argument: its series and the window {@code (start, end]} they were taken from. */
  record RangeArg(List<Series> series, long startMs, long endMs, boolean extended) {
    long rangeMs() {
      return endMs - startMs;
    }
  }

  RangeArg evalRange(Expr expr, long t) {
    if (expr instanceof ParenExpr paren) {
      return evalRange(paren.expr(), t);
    }
    if (expr instanceof MatrixSelector matrix) {
      return selectRange(matrix, t);
    }
    if (expr instanceof SubqueryExpr subquery) {
      return evalSubquery(subquery, t);
    }
    throw new PromqlEvalException("expected range vector, got " + expr.type().description());
  }

  private RangeArg selectRange(MatrixSelector matrix, long t) {
    VectorSelector selector = matrix.selector();
    long end = window.resolve(selector.at(), t) - durationMs(selector.offsetMillis(), selector.offsetExpr());
    long start = end - durationMs(matrix.rangeMillis(), matrix.rangeExpr());
    List<Series> out = new ArrayList<>();
    for (Series series : selected(selector)) {
      checkDeadline();
      List<Sample> samples = series.samples();
      int last = lastAtOrBefore(samples, end);
      List<Sample> inRange = new ArrayList<>();
      for (int i = last; i >= 0 && samples.get(i).timestampMs() > start; i--) {
        if (!samples.get(i).isStale()) {
          inRange.add(samples.get(i));
        }
      }
      java.util.Collections.reverse(inRange);
      if (selector.extension() != RangeExtension.NONE) {
        inRange = ExtendedRanges.extend(selector.extension(), samples, inRange, start, end,
            options.lookbackDelta().toMillis());
      }
      if (!inRange.isEmpty()) {
        countSamples(inRange.size());
        out.add(new Series(series.labels(), inRange));
      }
    }
    return new RangeArg(out, start, end, selector.extension() != RangeExtension.NONE);
  }

  private RangeArg evalSubquery(SubqueryExpr subquery, long t) {
    long step = durationMs(subquery.stepMillis(), subquery.stepExpr());
    if (step <= 0) {
      step = options.defaultSubqueryStep().toMillis();
    }
    long end = window.resolve(subquery.at(), t) - durationMs(subquery.offsetMillis(), subquery.offsetExpr());
    long start = end - durationMs(subquery.rangeMillis(), subquery.rangeExpr());
    long first = Math.floorDiv(start, step) * step;
    if (first <= start) {
      first += step;
    }
    Map<Labels, List<Sample>> points = new LinkedHashMap<>();
    for (long time = first; time <= end; time += step) {
      Value value = eval(subquery.expr(), time);
      if (value instanceof Scalar scalar) {
        points.computeIfAbsent(Labels.EMPTY, l -> new ArrayList<>()).add(Sample.of(time, scalar.value()));
        continue;
      }
      for (VectorSample sample : Names.cleanup(((Vector) value).samples())) {
        List<Sample> series = points.computeIfAbsent(sample.labels(), l -> new ArrayList<>());
        series.add(new Sample(time, sample.value(), withoutRepeatedReset(series, sample.histogram())));
      }
    }
    List<Series> out = new ArrayList<>();
    points.forEach((labels, samples) -> out.add(new Series(labels, samples)));
    return new RangeArg(out, start, end, false);
  }

  /** The index of the last sample at or before {@code time}, or -1. */
  static int lastAtOrBefore(List<Sample> samples, long time) {
    int low = 0;
    int high = samples.size() - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (samples.get(mid).timestampMs() <= time) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /**
   * A subquery step repeating the sample of the step before must not count its counter reset hint
   * again, so the repeat only keeps the hint when it is not a reset.
   */
  private static FloatHistogram withoutRepeatedReset(List<Sample> series, FloatHistogram histogram) {
    if (histogram == null || series.isEmpty() || histogram.hint() != FloatHistogram.CounterResetHint.COUNTER_RESET) {
      return histogram;
    }
    Sample previous = series.get(series.size() - 1);
    return previous.histogram() == histogram || previous.histogram() != null
        && previous.histogram().approximatelyEquals(histogram, 0)
        ? histogram.withHint(FloatHistogram.CounterResetHint.UNKNOWN) : histogram;
  }
}
