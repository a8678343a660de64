package dev.floe.promql;

/**
 * A range vector selector such as {@code foo[5m]}; the modifiers live on the inner selector.
 *
 * @param selector the instant selector, carrying offset and {@code @}
 * @param rangeMillis the range
 */
public record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public String toString() {
    return selector.selectorString()
        + "["
        + Printing.duration(rangeMillis)
        + "]"
        + AtModifier.modifiers(selector.at(), selector.offsetMillis())
        + selector.extension().suffix();
  }
}
