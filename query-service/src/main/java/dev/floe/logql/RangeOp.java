package dev.floe.logql;

/** Range aggregations: functions from a log range to one sample per stream (or group) per step. */
public enum RangeOp {
  COUNT_OVER_TIME("count_over_time", Unwrapping.FORBIDDEN, false),
  RATE("rate", Unwrapping.OPTIONAL, true),
  RATE_COUNTER("rate_counter", Unwrapping.REQUIRED, true),
  BYTES_OVER_TIME("bytes_over_time", Unwrapping.FORBIDDEN, false),
  BYTES_RATE("bytes_rate", Unwrapping.FORBIDDEN, false),
  AVG_OVER_TIME("avg_over_time", Unwrapping.REQUIRED, true),
  SUM_OVER_TIME("sum_over_time", Unwrapping.REQUIRED, false),
  MIN_OVER_TIME("min_over_time", Unwrapping.REQUIRED, true),
  MAX_OVER_TIME("max_over_time", Unwrapping.REQUIRED, true),
  STDVAR_OVER_TIME("stdvar_over_time", Unwrapping.REQUIRED, true),
  STDDEV_OVER_TIME("stddev_over_time", Unwrapping.REQUIRED, true),
  QUANTILE_OVER_TIME("quantile_over_time", Unwrapping.REQUIRED, true),
  FIRST_OVER_TIME("first_over_time", Unwrapping.REQUIRED, true),
  LAST_OVER_TIME("last_over_time", Unwrapping.REQUIRED, true),
  ABSENT_OVER_TIME("absent_over_time", Unwrapping.OPTIONAL, false);

  /** Whether the operation reads unwrapped sample values, counts lines or bytes, or can do either. */
  enum Unwrapping {
    REQUIRED,
    FORBIDDEN,
    OPTIONAL
  }

  private final String function;
  private final Unwrapping unwrapping;
  private final boolean groupable;

  RangeOp(String function, Unwrapping unwrapping, boolean groupable) {
    this.function = function;
    this.unwrapping = unwrapping;
    this.groupable = groupable;
  }

  public String function() {
    return function;
  }

  Unwrapping unwrapping() {
    return unwrapping;
  }

  /** Loki accepts {@code by}/{@code without} after only these range aggregations. */
  boolean groupable() {
    return groupable;
  }

  static RangeOp byName(String name) {
    for (RangeOp op : values()) {
      if (op.function.equals(name)) {
        return op;
      }
    }
    return null;
  }
}
