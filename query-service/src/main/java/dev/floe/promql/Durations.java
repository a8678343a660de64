package dev.floe.promql;

/** Parses Prometheus durations such as {@code 1h30m}: integer-unit pairs, largest unit first. */
public final class Durations {
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] MILLIS = {
    365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L
  };

  private Durations() {}

  /** The duration in milliseconds, or -1 when the text is not a valid duration or overflows. */
  public static long parseMillis(String text) {
    try {
      return parseChecked(text);
    } catch (ArithmeticException | NumberFormatException e) {
      return -1;
    }
  }

  private static long parseChecked(String text) {
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
      int unit = unitAt(text, pos);
      // Units must appear at most once and in decreasing size, as model.ParseDuration requires.
      if (unit < 0 || unit <= lastUnit) {
        return -1;
      }
      pos += UNITS[unit].length();
      lastUnit = unit;
      total = Math.addExact(total, Math.multiplyExact(count, MILLIS[unit]));
    }
    return total;
  }

  private static int unitAt(String text, int pos) {
    if (text.startsWith("ms", pos)) {
      return 6;
    }
    for (int i = 0; i < 6; i++) {
      if (text.startsWith(UNITS[i], pos)) {
        return i;
      }
    }
    return -1;
  }
}
