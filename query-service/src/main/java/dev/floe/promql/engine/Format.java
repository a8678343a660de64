package dev.floe.promql.engine;

import java.math.BigDecimal;

/** Number formatting as Prometheus prints floats in label values and test notation. */
final class Format {
  private Format() {}

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: the shortest exact decimal, never exponent form. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
