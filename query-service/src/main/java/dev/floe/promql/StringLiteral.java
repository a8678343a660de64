package dev.floe.promql;

import dev.floe.lang.GoStrings;


/** A string literal; {@code value} is unquoted and unescaped. */
public record StringLiteral(String value) implements Expr {

  @Override
  public ValueType type() {
    return ValueType.STRING;
  }

  @Override
  public String toString() {
    return GoStrings.quote(value);
  }
}
