package dev.floe.promql;

/** A parenthesised expression, kept so that printing preserves the grouping. */
public record ParenExpr(Expr expr) implements Expr {

  @Override
  public ValueType type() {
    return expr.type();
  }

  @Override
  public String toString() {
    return "(" + expr + ")";
  }
}
