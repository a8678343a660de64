package dev.floe.promql;

/**
 * A subquery such as {@code rate(foo[1m])[10m:30s]}.
 *
 * @param expr the instant vector expression evaluated at each step
 * @param rangeMillis the range; 0 when {@code rangeExpr} is set
 * @param stepMillis the resolution, 0 for the default evaluation interval or when {@code stepExpr} is set
 * @param offsetMillis the offset modifier, 0 when absent
 * @param at the {@code @} modifier, or {@code null}
 * @param rangeExpr an experimental range expression depending on the query (in seconds), or {@code null}
 * @param stepExpr an experimental step expression depending on the query (in seconds), or {@code null}
 * @param offsetExpr an experimental offset expression depending on the query (in seconds), or {@code null}
 */
public record SubqueryExpr(
    Expr expr,
    long rangeMillis,
    long stepMillis,
    long offsetMillis,
    AtModifier at,
    Expr rangeExpr,
    Expr stepExpr,
    Expr offsetExpr)
    implements Expr {

  public SubqueryExpr(Expr expr, long rangeMillis, long stepMillis, long offsetMillis, AtModifier at) {
    this(expr, rangeMillis, stepMillis, offsetMillis, at, null, null, null);
  }

  static SubqueryExpr of(Expr expr, DurationArg range, DurationArg step) {
    return new SubqueryExpr(expr, range.millis(), step.millis(), 0, null, range.expr(), step.expr(), null);
  }

  SubqueryExpr withOffset(DurationArg offset) {
    return new SubqueryExpr(expr, rangeMillis, stepMillis, offset.millis(), at, rangeExpr, stepExpr, offset.expr());
  }

  SubqueryExpr withAt(AtModifier newAt) {
    return new SubqueryExpr(expr, rangeMillis, stepMillis, offsetMillis, newAt, rangeExpr, stepExpr, offsetExpr);
  }

  boolean hasOffset() {
    return offsetMillis != 0 || offsetExpr != null;
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public String toString() {
    String range = rangeExpr == null ? Printing.duration(rangeMillis) : rangeExpr.toString();
    String step = stepExpr != null ? stepExpr.toString() : stepMillis == 0 ? "" : Printing.duration(stepMillis);
    return expr + "[" + range + ":" + step + "]" + AtModifier.modifiers(at, offsetMillis, offsetExpr);
  }
}
