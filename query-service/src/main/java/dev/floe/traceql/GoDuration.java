package dev.floe.traceql;

import java.math.BigDecimal;

/** Go's {@code time.Duration.String()}: {@code 1h2m3.5s}, {@code 150ms}, {@code 0s}. */
final class GoDuration {
  private GoDuration() {}

  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long n = Math.abs(nanos);
    if (n < 1_000) {
      return sign + n + "ns";
    }
    if (n < 1_000_000) {
      return sign + decimal(n, 1_000) + "µs";
    }
    if (n < 1_000_000_000) {
      return sign + decimal(n, 1_000_000) + "ms";
    }
    StringBuilder out = new StringBuilder(sign);
    long hours = n / 3_600_000_000_000L;
    long minutes = n / 60_000_000_000L % 60;
    long rest = n % 60_000_000_000L;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(decimal(rest, 1_000_000_000)).append('s').toString();
  }

  private static String decimal(long value, long unit) {
    return new BigDecimal(value).divide(new BigDecimal(unit)).stripTrailingZeros().toPlainString();
  }
}
