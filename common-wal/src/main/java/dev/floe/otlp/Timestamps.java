package dev.floe.otlp;

/** Splits nanosecond times into a microsecond timestamptz and the nanoseconds below it. */
public final class Timestamps {
  private static final Integer[] REMAINDERS = new Integer[1000];

  static {
    for (int i = 0; i < REMAINDERS.length; i++) {
      REMAINDERS[i] = i;
    }
  }

  private Timestamps() {}

  public static Long micros(long unixNanos) {
    return Math.floorDiv(unixNanos, 1000L);
  }

  /** The 0 to 999 nanoseconds that {@link #micros} drops, from a cache to spare the boxing. */
  public static Integer nanosRemainder(long unixNanos) {
    return REMAINDERS[(int) Math.floorMod(unixNanos, 1000L)];
  }
}
