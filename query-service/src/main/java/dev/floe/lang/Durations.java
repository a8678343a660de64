package dev.floe.lang;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations as the query languages write them. LogQL ({@link #isDuration},
 * {@link #parse}) takes Prometheus units for ranges ({@code y w d h m s ms}) and Go units for label
 * filters ({@code h m s ms us µs ns}) with fractions, so one reader serves both places; PromQL
 * ({@link #parseMillis}) takes only Prometheus's integer-unit pairs, largest unit first.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)");
  private static final Pattern WHOLE =
      Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d|w|y))+");
  private static final long[] UNIT_NANOS = {
    86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L
  };
  private static final String[] UNIT_NAMES = {"d", "h", "m", "s", "ms", "us", "ns"};
  private static final String[] PROMETHEUS_UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] PROMETHEUS_MILLIS = {
    365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L
  };

  private Durations() {}

  public static boolean isDuration(String text) {
    return WHOLE.matcher(text).matches();
  }

  /** The duration {@code text} stands for; the caller has checked it with {@link #isDuration}. */
  public static Duration parse(String text) {
    Matcher part = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /**
   * A PromQL duration such as {@code 1h30m} in milliseconds, as Prometheus's {@code model.ParseDuration}
   * reads it: integer-unit pairs, each unit at most once and largest first; -1 when the text is not one
   * or overflows.
   */
  public static long parseMillis(String text) {
    try {
      return parsePrometheus(text);
    } catch (ArithmeticException | NumberFormatException e) {
      return -1;
    }
  }

  private static long parsePrometheus(String text) {
    long total = 0;
    int pos = 0;
    int lastUnit = -1;
    if (text.isEmpty()) {
      return -1;
    }
    while (pos < text.length()) {
      int digitsStart = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      if (pos == digitsStart) {
        return -1;
      }
      long count = Long.parseLong(text.substring(digitsStart, pos));
      int unit = prometheusUnitAt(text, pos);
      if (unit < 0 || unit <= lastUnit) {
        return -1;
      }
      pos += PROMETHEUS_UNITS[unit].length();
      lastUnit = unit;
      total = Math.addExact(total, Math.multiplyExact(count, PROMETHEUS_MILLIS[unit]));
    }
    return total;
  }

  private static int prometheusUnitAt(String text, int pos) {
    if (text.startsWith("ms", pos)) {
      return 6;
    }
    for (int i = 0; i < 6; i++) {
      if (text.startsWith(PROMETHEUS_UNITS[i], pos)) {
        return i;
      }
    }
    return -1;
  }

  /** The shortest spelling from the largest unit down, as Prometheus prints ranges: {@code 1h30m}, {@code 1d}. */
  public static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < UNIT_NANOS.length; i++) {
      long count = nanos / UNIT_NANOS[i];
      if (count > 0) {
        out.append(count).append(UNIT_NAMES[i]);
        nanos -= count * UNIT_NANOS[i];
      }
    }
    return out.toString();
  }

  private static long unitNanos(String unit) {
    switch (unit) {
      case "y":
        return 365 * UNIT_NANOS[0];
      case "w":
        return 7 * UNIT_NANOS[0];
      case "d":
        return UNIT_NANOS[0];
      case "h":
        return UNIT_NANOS[1];
      case "m":
        return UNIT_NANOS[2];
      case "s":
        return UNIT_NANOS[3];
      case "ms":
        return UNIT_NANOS[4];
      case "us":
      case "µs":
        return UNIT_NANOS[5];
      default:
        return 1L;
    }
  }
}
