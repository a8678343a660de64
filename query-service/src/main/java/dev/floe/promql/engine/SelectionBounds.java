package dev.floe.promql.engine;

import dev.floe.promql.AggregateExpr;
import dev.floe.promql.AtModifier;
import dev.floe.promql.BinaryExpr;
import dev.floe.promql.Call;
import dev.floe.promql.Expr;
import dev.floe.promql.MatrixSelector;
import dev.floe.promql.ParenExpr;
import dev.floe.promql.RangeExtension;
import dev.floe.promql.SubqueryExpr;
import dev.floe.promql.UnaryExpr;
import dev.floe.promql.VectorSelector;

/**
 * The time interval covering every sample a query can read, so that each selector asks its source
 * once, like Prometheus's {@code FindMinMaxTimes}.
 */
final class SelectionBounds {
  private final QueryWindow window;
  private final Evaluator durations;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;

  private SelectionBounds(QueryWindow window, Evaluator durations) {
    this.window = window;
    this.durations = durations;
  }

  /** {@code [min, max]} over all selectors of {@code expr}; empty (min > max) when there are none. */
  static long[] of(Expr expr, QueryWindow window, long lookbackMs, Evaluator durations) {
    SelectionBounds bounds = new SelectionBounds(window, durations);
    bounds.walk(expr, window.startMs(), window.endMs(), lookbackMs);
    return new long[] {bounds.min, bounds.max};
  }

  private void walk(Expr expr, long from, long to, long lookbackMs) {
    if (expr instanceof VectorSelector selector) {
      cover(selector, from, to, lookbackMs);
    } else if (expr instanceof MatrixSelector matrix) {
      cover(matrix.selector(), from, to, durations.durationMs(matrix.rangeMillis(), matrix.rangeExpr())
          + (matrix.selector().extension() == RangeExtension.NONE ? 0 : lookbackMs));
    } else if (expr instanceof SubqueryExpr subquery) {
      long[] times = shifted(subquery.at(), durations.durationMs(subquery.offsetMillis(), subquery.offsetExpr()), from, to);
      walk(subquery.expr(), times[0] - durations.durationMs(subquery.rangeMillis(), subquery.rangeExpr()), times[1],
          lookbackMs);
    } else if (expr instanceof ParenExpr paren) {
      walk(paren.expr(), from, to, lookbackMs);
    } else if (expr instanceof UnaryExpr unary) {
      walk(unary.expr(), from, to, lookbackMs);
    } else if (expr instanceof BinaryExpr binary) {
      walk(binary.lhs(), from, to, lookbackMs);
      walk(binary.rhs(), from, to, lookbackMs);
    } else if (expr instanceof AggregateExpr aggregate) {
      if (aggregate.param() != null) {
        walk(aggregate.param(), from, to, lookbackMs);
      }
      walk(aggregate.expr(), from, to, lookbackMs);
    } else if (expr instanceof Call call) {
      call.args().forEach(arg -> walk(arg, from, to, lookbackMs));
    }
  }

  private void cover(VectorSelector selector, long from, long to, long lookbackMs) {
    long[] times = shifted(selector.at(), durations.durationMs(selector.offsetMillis(), selector.offsetExpr()), from, to);
    min = Math.min(min, times[0] - lookbackMs);
    // Smoothed selectors interpolate towards the first sample after the window.
    max = Math.max(max, times[1] + (selector.extension() == RangeExtension.NONE ? 0 : lookbackMs));
  }

  private long[] shifted(AtModifier at, long offsetMs, long from, long to) {
    if (at != null) {
      long fixed = window.resolve(at, from);
      return new long[] {fixed - offsetMs, fixed - offsetMs};
    }
    return new long[] {from - offsetMs, to - offsetMs};
  }
}
