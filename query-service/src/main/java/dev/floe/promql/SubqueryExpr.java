package dev.floe.promql;

/**
 * A subquery such as {@code rate(foo[1m])[10m:30s]}.
 *
 * @param expr the instant vector expression evaluated at each step
 * @param rangeMillis the range
 * @param stepMillis the resolution, 0 for the default evaluation interval
 * @param offsetMillis the offset modifier, 0 when absent
 * @param at the {@code @} modifier, or {@code null}
 */
public record SubqueryExpr(Expr expr, long rangeMillis, long stepMillis, long offsetMillis, AtModifier at)
    implements Expr {

  SubqueryExpr withOffset(long newOffsetMillis) {
    return new SubqueryExpr(expr, rangeMillis, stepMillis, newOffsetMillis, at);
  }

  SubqueryExpr withAt(AtModifier newAt) {
    return new SubqueryExpr(expr, rangeMillis, stepMillis, offsetMillis, newAt);
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public String toString() {
    String step = stepMillis == 0 ? "" : Printing.duration(stepMillis);
    return expr + "[" + Printing.duration(rangeMillis) + ":" + step + "]" + AtModifier.modifiers(at, offsetMillis);
  }
}
