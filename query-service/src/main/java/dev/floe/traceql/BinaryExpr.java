package dev.floe.traceql;

/** {@code lhs op rhs} over one span's values. */
public record BinaryExpr(Operator op, FieldExpr lhs, FieldExpr rhs) implements FieldExpr {
  @Override
  public String toString() {
    return "(" + lhs + " " + op + " " + rhs + ")";
  }
}
