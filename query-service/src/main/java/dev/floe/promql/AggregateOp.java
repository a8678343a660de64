package dev.floe.promql;

import java.util.Locale;

/** Aggregation operators and the type of the parameter some of them take. */
public enum AggregateOp {
  SUM(null),
  AVG(null),
  COUNT(null),
  MIN(null),
  MAX(null),
  GROUP(null),
  STDDEV(null),
  STDVAR(null),
  TOPK(ValueType.SCALAR),
  BOTTOMK(ValueType.SCALAR),
  QUANTILE(ValueType.SCALAR),
  COUNT_VALUES(ValueType.STRING),
  LIMITK(ValueType.SCALAR),
  LIMIT_RATIO(ValueType.SCALAR);

  private final ValueType paramType;

  AggregateOp(ValueType paramType) {
    this.paramType = paramType;
  }

  /** The parameter's type, or {@code null} when the operator takes none. */
  public ValueType paramType() {
    return paramType;
  }

  /** Whether only enabled with Prometheus' experimental PromQL functions. */
  public boolean isExperimental() {
    return this == LIMITK || this == LIMIT_RATIO;
  }

  public String symbol() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The operator of that (case-insensitive) name, or {@code null}. */
  static AggregateOp of(String name) {
    for (AggregateOp op : values()) {
      if (op.symbol().equalsIgnoreCase(name)) {
        return op;
      }
    }
    return null;
  }
}
