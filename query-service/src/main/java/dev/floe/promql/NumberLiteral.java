package dev.floe.promql;

import dev.floe.lang.GoStrings;

/** A float literal such as {@code 1}, {@code 0x1f}, {@code 1e3} or {@code Inf}. */
public record NumberLiteral(double value) implements Expr {

  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }

  @Override
  public boolean equals(Object other) {
    // NaN literals must compare equal so that parsing the printed form gives an equal tree.
    return other instanceof NumberLiteral literal
        && Double.doubleToLongBits(literal.value) == Double.doubleToLongBits(value);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(value);
  }

  @Override
  public String toString() {
    return GoStrings.formatFloat(value);
  }
}
