package dev.floe.logql.engine;

import dev.floe.lang.Labels;
import dev.floe.logql.LogSelector;
import dev.floe.logql.MetricExpr;
import dev.floe.logql.VectorOp;
import dev.floe.logql.engine.Operand.Constant;
import dev.floe.logql.engine.Operand.Vectors;
import dev.floe.logql.engine.QueryValue.Point;
import dev.floe.logql.engine.QueryValue.Sample;
import dev.floe.logql.engine.QueryValue.Series;
import dev.floe.lang.Labels;
import dev.floe.lang.QueryContext;
import dev.floe.lang.QueryStoppedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates parsed LogQL queries against a {@link LogSource} with Loki's semantics for {@code query} and
 * {@code query_range}. Thread-safe: each call evaluates on the calling thread.
 */
public final class LogqlEngine {
  private final LogSource source;
  private final LogqlOptions limits;

  public LogqlEngine(LogSource source, LogqlOptions limits) {
    this.source = source;
    this.limits = limits;
  }

  /**
   * Runs {@code query} within the configured query timeout.
   *
   * @throws LogqlQueryException when the query fails: a limit, a pipeline error in a metric query
   * @throws QueryStoppedException when it runs out of time
   */
  public QueryResult execute(LogqlQuery query) {
    return execute(query, QueryContext.withTimeout(limits.queryTimeout()));
  }

  /**
   * Runs {@code query} until it is done or {@code context} stops it.
   *
   * @throws LogqlQueryException when the query fails: a limit, a pipeline error in a metric query
   * @throws QueryStoppedException when {@code context} stops it
   */
  public QueryResult execute(LogqlQuery query, QueryContext context) {
    Evaluation evaluation = new Evaluation(source, limits, context);
    QueryValue value = query.expr() instanceof LogSelector selector
        ? LogQueryEvaluator.evaluate(evaluation, selector, query)
        : metric(evaluation, (MetricExpr) query.expr(), query);
    return new QueryResult(value, evaluation.stats(returned(value)));
  }

  private QueryValue metric(Evaluation evaluation, MetricExpr expr, LogqlQuery query) {
    Steps steps = Steps.of(query);
    Operand operand = new MetricEvaluator(evaluation, steps).evaluate(expr);
    if (operand instanceof Constant constant) {
      return query.instant()
          ? new QueryValue.Scalar(steps.start(), constant.value())
          : new QueryValue.Matrix(List.of(constantSeries(constant.value(), steps)));
    }
    List<List<Sample>> vectors = ((Vectors) operand).steps();
    return query.instant() ? vector(vectors.get(0), sortsByValue(expr)) : matrix(vectors);
  }

  private QueryValue.Vector vector(List<Sample> samples, boolean sortedByValue) {
    checkSeries(samples.size());
    if (sortedByValue) {
      return new QueryValue.Vector(samples);
    }
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparing(Sample::labels));
    return new QueryValue.Vector(sorted);
  }

  private QueryValue.Matrix matrix(List<List<Sample>> vectors) {
    Map<Labels, List<Point>> series = new LinkedHashMap<>();
    for (List<Sample> vector : vectors) {
      for (Sample sample : vector) {
        series.computeIfAbsent(sample.labels(), labels -> new ArrayList<>())
            .add(new Point(sample.timestampNanos(), sample.value()));
      }
      checkSeries(series.size());
    }
    List<Series> result = new ArrayList<>(series.size());
    series.forEach((labels, points) -> result.add(new Series(labels, points)));
    result.sort(Comparator.comparing(Series::labels));
    return new QueryValue.Matrix(result);
  }

  private static Series constantSeries(double value, Steps steps) {
    List<Point> points = new ArrayList<>(steps.count());
    for (int i = 0; i < steps.count(); i++) {
      points.add(new Point(steps.time(i), value));
    }
    return new Series(Labels.EMPTY, points);
  }

  private void checkSeries(int series) {
    if (limits.maxQuerySeries() > 0 && series > limits.maxQuerySeries()) {
      throw LogqlQueryException.seriesLimit(limits.maxQuerySeries());
    }
  }

  /** Loki leaves an instant vector in value order when the query sorts it anywhere, else sorts it by labels. */
  private static boolean sortsByValue(MetricExpr expr) {
    if (expr instanceof MetricExpr.VectorAggregation aggregation) {
      return aggregation.op() == VectorOp.SORT
          || aggregation.op() == VectorOp.SORT_DESC
          || sortsByValue(aggregation.inner());
    }
    if (expr instanceof MetricExpr.BinaryExpr binary) {
      return sortsByValue(binary.left()) || sortsByValue(binary.right());
    }
    if (expr instanceof MetricExpr.LabelReplace replace) {
      return sortsByValue(replace.inner());
    }
    return false;
  }

  private static long returned(QueryValue value) {
    if (value instanceof QueryValue.Streams streams) {
      return streams.streams().stream().mapToLong(stream -> stream.entries().size()).sum();
    }
    if (value instanceof QueryValue.Matrix matrix) {
      return matrix.series().size();
    }
    return value instanceof QueryValue.Vector vector ? vector.samples().size() : 1;
  }
}
