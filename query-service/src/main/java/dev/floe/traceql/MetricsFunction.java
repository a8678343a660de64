package dev.floe.traceql;

/** The first-stage metrics functions. */
public enum MetricsFunction {
  RATE("rate", false),
  COUNT_OVER_TIME("count_over_time", false),
  MIN_OVER_TIME("min_over_time", true),
  MAX_OVER_TIME("max_over_time", true),
  SUM_OVER_TIME("sum_over_time", true),
  AVG_OVER_TIME("avg_over_time", true),
  QUANTILE_OVER_TIME("quantile_over_time", true),
  HISTOGRAM_OVER_TIME("histogram_over_time", true),
  COMPARE("compare", false);

  private final String text;
  private final boolean takesAttribute;

  MetricsFunction(String text, boolean takesAttribute) {
    this.text = text;
    this.takesAttribute = takesAttribute;
  }

  public String text() {
    return text;
  }

  public boolean takesAttribute() {
    return takesAttribute;
  }

  public static MetricsFunction of(String word) {
    for (MetricsFunction f : values()) {
      if (f.text.equals(word)) {
        return f;
      }
    }
    return null;
  }
}
