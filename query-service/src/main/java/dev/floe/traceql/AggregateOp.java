package dev.floe.traceql;

/** Aggregates over a spanset. */
public enum AggregateOp {
  COUNT, AVG, MIN, MAX, SUM;

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static AggregateOp of(String word) {
    for (AggregateOp op : values()) {
      if (op.text().equals(word)) {
        return op;
      }
    }
    return null;
  }
}
