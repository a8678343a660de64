package dev.floe.traceql;

/** {@code lhs op rhs} between spansets, each side evaluated on the same input. */
public record SpansetOperation(SpansetOperator op, SpansetExpr lhs, SpansetExpr rhs) implements SpansetExpr {
  @Override
  public String toString() {
    return "(" + lhs + " " + op + " " + rhs + ")";
  }
}
