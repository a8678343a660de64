package dev.floe.logql;

/** Vector aggregations across the series of a metric query. */
public enum VectorOp {
  SUM("sum", false),
  AVG("avg", false),
  MIN("min", false),
  MAX("max", false),
  STDDEV("stddev", false),
  STDVAR("stdvar", false),
  COUNT("count", false),
  TOPK("topk", true),
  BOTTOMK("bottomk", true),
  SORT("sort", false),
  SORT_DESC("sort_desc", false),
  APPROX_TOPK("approx_topk", true);

  private final String function;
  private final boolean takesParameter;

  VectorOp(String function, boolean takesParameter) {
    this.function = function;
    this.takesParameter = takesParameter;
  }

  public String function() {
    return function;
  }

  /** {@code topk(5, ...)}: the operation needs a number before the expression. */
  public boolean takesParameter() {
    return takesParameter;
  }

  static VectorOp byName(String name) {
    for (VectorOp op : values()) {
      if (op.function.equals(name)) {
        return op;
      }
    }
    return null;
  }
}
