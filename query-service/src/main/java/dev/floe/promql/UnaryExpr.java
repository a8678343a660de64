package dev.floe.promql;

/** Unary minus applied to a scalar or instant vector; unary plus is dropped by the parser. */
public record UnaryExpr(Expr expr) implements Expr {

  @Override
  public ValueType type() {
    return expr.type();
  }

  @Override
  public String toString() {
    return "-" + expr;
  }
}
