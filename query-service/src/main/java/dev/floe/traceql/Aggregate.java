package dev.floe.traceql;

/** {@code count()}, {@code avg(x)}, ...: one value per spanset; {@code expr} is null for count. */
public record Aggregate(AggregateOp op, FieldExpr expr) implements ScalarExpr {
  @Override
  public String toString() {
    return op.text() + "(" + (expr == null ? "" : expr.toString()) + ")";
  }
}
