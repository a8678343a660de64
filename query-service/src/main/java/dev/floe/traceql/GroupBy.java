package dev.floe.traceql;

/** {@code by(expr)}: splits each spanset by the value of {@code expr}. */
public record GroupBy(FieldExpr expr) implements SpansetExpr {
  @Override
  public String toString() {
    return "by(" + expr + ")";
  }
}
