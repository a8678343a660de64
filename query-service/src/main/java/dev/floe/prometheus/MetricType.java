package dev.floe.prometheus;

/** The {@code metric_type} column: the five OTLP point kinds, and rows written by Prometheus remote write. */
public enum MetricType {
  GAUGE("gauge"),
  SUM("sum"),
  HISTOGRAM("histogram"),
  EXPONENTIAL_HISTOGRAM("exponential_histogram"),
  SUMMARY("summary"),
  /** A sample stored by Prometheus remote write, its series labels already in Prometheus form. */
  PROMETHEUS("prometheus"),
  /**
   * A native histogram stored by Prometheus remote write in the exponential-histogram columns, its
   * series labels already in Prometheus form.
   */
  PROMETHEUS_HISTOGRAM("prometheus_histogram");

  private final String column;

  MetricType(String column) {
    this.column = column;
  }

  /** Whether the series labels of this type are stored in Prometheus form already. */
  public boolean isPrometheus() {
    return this == PROMETHEUS || this == PROMETHEUS_HISTOGRAM;
  }

  /** The value stored in the {@code metric_type} column. */
  public String column() {
    return column;
  }

  /**
   * The type stored as {@code column}.
   *
   * @throws IllegalArgumentException if {@code column} names no metric type
   */
  public static MetricType of(String column) {
    for (MetricType type : values()) {
      if (type.column.equals(column)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown metric_type '" + column + "'");
  }
}
