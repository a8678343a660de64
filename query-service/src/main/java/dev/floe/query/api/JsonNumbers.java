package dev.floe.query.api;

import java.math.BigDecimal;

/** Numbers as the Prometheus and Loki JSON APIs write them. */
public final class JsonNumbers {
  private JsonNumbers() {}

  /**
   * A sample timestamp in seconds with up to three decimals and no trailing zeros ({@code 1435781451.781},
   * {@code 1.5}, {@code 4}), as Prometheus writes them.
   */
  public static String timestampSeconds(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }
}
