package dev.floe.traceql;

import java.util.List;

/** A TraceQL metrics query: a pipeline with a metrics function, a scalar, or arithmetic between them. */
public interface MetricsExpr {
  /** {@code pipeline | fn(...) by (...) | stages}. */
  record Query(SpansetExpr pipeline, MetricsAggregate aggregate, List<SecondStage> stages) implements MetricsExpr {
    public Query {
      stages = List.copyOf(stages);
    }
  }

  /** {@code (a) op (b)}; operands match by labels and an unlabeled side broadcasts. */
  record Math(Operator op, MetricsExpr lhs, MetricsExpr rhs) implements MetricsExpr {}

  /** A literal in metrics arithmetic; {@code integer} keeps Tempo's integer division. */
  record Scalar(double value, boolean integer) implements MetricsExpr {}

  /** Second stages applied to the result of arithmetic. */
  record Staged(MetricsExpr expr, List<SecondStage> stages) implements MetricsExpr {
    public Staged {
      stages = List.copyOf(stages);
    }
  }
}
