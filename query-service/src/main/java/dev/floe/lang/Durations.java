package dev.floe.lang;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints LogQL durations: Prometheus units for ranges ({@code y w d h m s ms}) and Go units for label
 * filters ({@code h m s ms us µs ns}, with fractions), so one reader serves both places.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d|w|y)");
  private static final Pattern WHOLE =
      Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h|d|w|y))+");
  private static final long[] UNIT_NANOS = {
    86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L
  };
  private static final String[] UNIT_NAMES = {"d", "h", "m", "s", "ms", "us", "ns"};

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
