package dev.floe.traceql;

/** Arithmetic between scalar expressions, as in {@code avg(duration) * 2 > 1s}. */
public record ScalarArithmetic(Operator op, ScalarExpr lhs, ScalarExpr rhs) implements ScalarExpr {
  @Override
  public String toString() {
    return "(" + lhs + " " + op + " " + rhs + ")";
  }
}
