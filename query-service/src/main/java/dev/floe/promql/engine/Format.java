package dev.floe.promql.engine;

import dev.floe.lang.GoStrings;
import java.math.BigDecimal;

/** Number formatting as Prometheus prints floats in label values and messages. */
final class Format {
  private Format() {}

  /** Go's {@code %g}: the shortest representation, in exponent form below 1e-4 and from 1e6 on. */
  static String goG(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
      return value == 0 ? (1 / value < 0 ? "-0" : "0") : GoStrings.formatFloat(value);
    }
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = decimal.precision() - decimal.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      String digits = decimal.unscaledValue().abs().toString();
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String sign = value < 0 ? "-" : "";
      String expSign = exponent < 0 ? "-" : "+";
      int absExp = Math.abs(exponent);
      return sign + mantissa + "e" + expSign + (absExp < 10 ? "0" : "") + absExp;
    }
    return decimal.toPlainString();
  }
}
