package dev.floe.logql;

import java.math.BigDecimal;

/** Canonical spellings of string and number literals. */
final class Literals {
  private Literals() {}

  /** A number without a trailing {@code .0} or exponent: {@code 2}, {@code 0.99}, {@code -1.5}. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Inf" : "-Inf";
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
