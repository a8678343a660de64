package dev.floe.promql.engine;

import dev.floe.promql.Expr;
import dev.floe.promql.ParsedQuery;
import dev.floe.promql.PromqlParser;
import dev.floe.promql.ValueType;
import dev.floe.lang.Labels;
import dev.floe.lang.QueryContext;
import dev.floe.lang.QueryStoppedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates PromQL instant and range queries against a {@link SeriesSource}, with Prometheus 3's
 * semantics: left-open ranges, the lookback window, staleness markers and delayed {@code __name__}
 * removal. Thread-safe: each query gets its own evaluation state.
 */
public final class PromqlEngine {
  private final SeriesSource source;
  private final EngineOptions options;

  public PromqlEngine(SeriesSource source, EngineOptions options) {
    this.source = source;
    this.options = options;
  }

  /** Parses and evaluates {@code query} at {@code timeMs}. */
  public QueryResult instant(String query, long timeMs) {
    ParsedQuery parsed = PromqlParser.parseWithPositions(query, options.experimentalFunctions());
    return instant(parsed.expr(), timeMs, new Annotations(parsed), newContext());
  }

  /** Evaluates a parsed expression at {@code timeMs}; annotations carry no positions. */
  public QueryResult instant(Expr expr, long timeMs) {
    return instant(expr, timeMs, newContext());
  }

  /**
   * Evaluates a parsed expression at {@code timeMs} until {@code context} stops it; annotations carry no
   * positions.
   *
   * @throws QueryStoppedException when {@code context} stops the query
   */
  public QueryResult instant(Expr expr, long timeMs, QueryContext context) {
    return instant(expr, timeMs, new Annotations(null), context);
  }

  private QueryResult instant(Expr expr, long timeMs, Annotations annotations, QueryContext context) {
    Evaluator evaluator =
        new Evaluator(source, options, new QueryWindow(timeMs, timeMs, 0), expr, annotations, context);
    Value value = evaluator.eval(expr, timeMs);
    if (value instanceof Vector vector) {
      value = new Vector(Names.cleanup(vector.samples()));
    }
    return new QueryResult(value, annotations);
  }

  /** Parses and evaluates {@code query} at each step from {@code startMs} to {@code endMs} inclusive. */
  public QueryResult range(String query, long startMs, long endMs, long stepMs) {
    ParsedQuery parsed = PromqlParser.parseWithPositions(query, options.experimentalFunctions());
    return range(parsed.expr(), startMs, endMs, stepMs, new Annotations(parsed), newContext());
  }

  /** Evaluates a parsed expression over a range; annotations carry no positions. */
  public QueryResult range(Expr expr, long startMs, long endMs, long stepMs) {
    return range(expr, startMs, endMs, stepMs, newContext());
  }

  /**
   * Evaluates a parsed expression over a range until {@code context} stops it; annotations carry no
   * positions.
   *
   * @throws QueryStoppedException when {@code context} stops the query
   */
  public QueryResult range(Expr expr, long startMs, long endMs, long stepMs, QueryContext context) {
    return range(expr, startMs, endMs, stepMs, new Annotations(null), context);
  }

  private QueryResult range(
      Expr expr, long startMs, long endMs, long stepMs, Annotations annotations, QueryContext context) {
    if (stepMs <= 0) {
      throw new PromqlEvalException("zero or negative query resolution step widths are not accepted");
    }
    if (endMs < startMs) {
      throw new PromqlEvalException("end timestamp must not be before start time");
    }
    if (expr.type() != ValueType.VECTOR && expr.type() != ValueType.SCALAR) {
      throw new PromqlEvalException("invalid expression type \"" + expr.type().description()
          + "\" for range query, must be Scalar or instant Vector");
    }
    Evaluator evaluator =
        new Evaluator(source, options, new QueryWindow(startMs, endMs, stepMs), expr, annotations, context);
    Map<Labels, List<Sample>> series = new TreeMap<>();
    long points = 0;
    for (long t = startMs; t <= endMs; t += stepMs) {
      evaluator.resetSampleCount();
      evaluator.countSamples(points);
      Value value = evaluator.eval(expr, t);
      if (value instanceof Scalar scalar) {
        series.computeIfAbsent(Labels.EMPTY, l -> new ArrayList<>()).add(Sample.of(t, scalar.value()));
        points++;
        continue;
      }
      for (VectorSample sample : Names.cleanup(((Vector) value).samples())) {
        series.computeIfAbsent(sample.labels(), l -> new ArrayList<>()).add(sample.toSample());
        points++;
      }
    }
    List<Series> out = new ArrayList<>();
    series.forEach((labels, samples) -> out.add(new Series(labels, samples)));
    return new QueryResult(new Matrix(out), annotations);
  }

  private QueryContext newContext() {
    return QueryContext.withTimeout(options.timeout());
  }
}
