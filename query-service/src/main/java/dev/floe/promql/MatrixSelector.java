package dev.floe.promql;

/**
 * A range vector selector such as {@code foo[5m]}; the modifiers live on the inner selector.
 *
 * @param selector the instant selector, carrying offset and {@code @}
 * @param rangeMillis the range; 0 when {@code rangeExpr} is set
 * @param rangeExpr an experimental range expression depending on the query (in seconds), or {@code null}
 */
public record MatrixSelector(VectorSelector selector, long rangeMillis, Expr rangeExpr) implements Expr {

  public MatrixSelector(VectorSelector selector, long rangeMillis) {
    this(selector, rangeMillis, null);
  }

  MatrixSelector withSelector(VectorSelector newSelector) {
    return new MatrixSelector(newSelector, rangeMillis, rangeExpr);
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public String toString() {
    return selector.selectorString()
        + "["
        + (rangeExpr == null ? Printing.duration(rangeMillis) : rangeExpr.toString())
        + "]"
        + AtModifier.modifiers(selector.at(), selector.offsetMillis(), selector.offsetExpr())
        + selector.extension().suffix();
  }
}
