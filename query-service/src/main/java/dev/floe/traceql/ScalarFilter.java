package dev.floe.traceql;

/** {@code count() > 3}: keeps the spansets whose aggregate compares true. */
public record ScalarFilter(Operator op, ScalarExpr lhs, ScalarExpr rhs) implements SpansetExpr {
  @Override
  public String toString() {
    return lhs + " " + op + " " + rhs;
  }
}
