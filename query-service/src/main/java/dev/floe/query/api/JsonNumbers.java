package dev.floe.query.api;

import java.math.BigDecimal;

/** Numbers as the Prometheus and Loki JSON APIs write them. */
public final class JsonNumbers {
  private JsonNumbers() {}

  /**
   * A sample value as a string, like Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: the shortest
   * decimal that reads back to {@code v}, never in exponent form; {@code +Inf}, {@code -Inf}, {@code NaN}.
   */
  public static String sampleValue(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return (Double.doubleToRawLongBits(value) < 0) ? "-0" : "0";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  /**
   * A sample timestamp in seconds with up to three decimals and no trailing zeros ({@code 1435781451.781},
   * {@code 1.5}, {@code 4}), as Prometheus writes them.
   */
  public static String timestampSeconds(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }
}
