package dev.floe.logql.engine;

import dev.floe.logql.Expr;
import dev.floe.logql.MetricExpr;

/**
 * One evaluation request, as Loki's {@code query} (instant) and {@code query_range} endpoints take it.
 *
 * <p>An instant query has {@code start == end} and step 0; a range metric query needs a positive step.
 * {@code interval} (range log queries only) keeps at most one entry per interval, as Loki's deprecated
 * parameter does; 0 keeps all. {@code limit} caps the entries of a log query and is ignored by metric
 * queries.
 */
public record LogqlQuery(
    Expr expr,
    long startNanos,
    long endNanos,
    long stepNanos,
    long intervalNanos,
    int limit,
    Direction direction,
    boolean instant) {

  public LogqlQuery {
    if (endNanos < startNanos) {
      throw LogqlQueryException.badRequest("end timestamp must not be before start time");
    }
    if (limit < 0) {
      throw LogqlQueryException.badRequest("limit must be a positive value");
    }
    if (intervalNanos < 0) {
      throw LogqlQueryException.badRequest("interval must not be negative");
    }
    if (!instant && stepNanos <= 0 && expr instanceof MetricExpr) {
      throw LogqlQueryException.badRequest(
          "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
  }

  /** Loki's {@code /loki/api/v1/query} at {@code timeNanos}. */
  public static LogqlQuery instant(Expr expr, long timeNanos, int limit, Direction direction) {
    return new LogqlQuery(expr, timeNanos, timeNanos, 0, 0, limit, direction, true);
  }

  /** Loki's {@code /loki/api/v1/query_range}. */
  public static LogqlQuery range(
      Expr expr, long startNanos, long endNanos, long stepNanos, long intervalNanos, int limit, Direction direction) {
    return new LogqlQuery(expr, startNanos, endNanos, stepNanos, intervalNanos, limit, direction, false);
  }
}
