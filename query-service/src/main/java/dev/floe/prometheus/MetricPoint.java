package dev.floe.prometheus;

import java.util.Objects;

/**
 * One stored metric point: its series, times in nanoseconds since the epoch, OTLP data point flags and
 * value.
 *
 * @param startNanos the start of the aggregation, 0 when not set
 * @param flags OTLP DataPointFlags, 0 when not set
 */
public record MetricPoint(SeriesIdentity series, long startNanos, long timeNanos, int flags, PointValue value) {
  /** The DataPointFlags bit saying the point holds no value, and marks its series stale. */
  public static final int FLAG_NO_RECORDED_VALUE = 1;

  public MetricPoint {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(value, "value");
  }

  public boolean noRecordedValue() {
    return (flags & FLAG_NO_RECORDED_VALUE) != 0;
  }

  /** This point with another value, as the delta-to-cumulative conversion makes. */
  public MetricPoint withValue(long startNanos, PointValue value) {
    return new MetricPoint(series, startNanos, timeNanos, flags, value);
  }
}
