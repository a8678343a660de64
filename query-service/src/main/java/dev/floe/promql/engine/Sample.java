package dev.floe.promql.engine;

/**
 * One point of a series: a float value or a native histogram at a time.
 *
 * @param timestampMs milliseconds since the epoch
 * @param value the float value; ignored when {@code histogram} is set
 * @param histogram the native histogram, or {@code null} for a float sample
 */
public record Sample(long timestampMs, double value, FloatHistogram histogram) {
  /** Prometheus's staleness marker: a NaN with a reserved bit pattern, distinct from ordinary NaN. */
  public static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

  public static Sample of(long timestampMs, double value) {
    return new Sample(timestampMs, value, null);
  }

  public static Sample of(long timestampMs, FloatHistogram histogram) {
    return new Sample(timestampMs, 0, histogram);
  }

  public boolean isHistogram() {
    return histogram != null;
  }

  /** Whether this sample marks the end of its series rather than carrying a value. */
  public boolean isStale() {
    return histogram == null ? isStaleNaN(value) : isStaleNaN(histogram.sum());
  }

  public static boolean isStaleNaN(double value) {
    return Double.doubleToRawLongBits(value) == 0x7ff0000000000002L;
  }
}
