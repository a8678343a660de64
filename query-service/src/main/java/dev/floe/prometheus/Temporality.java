package dev.floe.prometheus;

/** OTLP's AggregationTemporality, as numbered in the {@code temporality} column. */
public enum Temporality {
  UNSPECIFIED,
  DELTA,
  CUMULATIVE;

  /**
   * The temporality numbered {@code number} by OTLP; null (gauges, summaries) is {@link #UNSPECIFIED}.
   *
   * @throws IllegalArgumentException if OTLP defines no such number
   */
  public static Temporality of(Integer number) {
    if (number == null) {
      return UNSPECIFIED;
    }
    return switch (number) {
      case 0 -> UNSPECIFIED;
      case 1 -> DELTA;
      case 2 -> CUMULATIVE;
      default -> throw new IllegalArgumentException("unknown aggregation temporality " + number);
    };
  }
}
