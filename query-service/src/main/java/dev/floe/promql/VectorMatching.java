package dev.floe.promql;

import java.util.List;

/**
 * How a binary operation between two instant vectors pairs up series.
 *
 * @param cardinality which side may have several matching series
 * @param labels the {@code on} or {@code ignoring} labels
 * @param on whether {@code labels} are {@code on} labels (else {@code ignoring})
 * @param include the extra labels of {@code group_left} / {@code group_right}
 */
public record VectorMatching(Cardinality cardinality, List<String> labels, boolean on, List<String> include) {

  /** The matching cardinalities. */
  public enum Cardinality {
    ONE_TO_ONE,
    MANY_TO_ONE,
    ONE_TO_MANY,
    MANY_TO_MANY
  }

  public VectorMatching {
    labels = List.copyOf(labels);
    include = List.copyOf(include);
  }

  @Override
  public String toString() {
    if (labels.isEmpty() && !on) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append(on ? " on (" : " ignoring (").append(Printing.labelList(labels)).append(')');
    if (cardinality == Cardinality.MANY_TO_ONE) {
      out.append(" group_left (").append(Printing.labelList(include)).append(')');
    } else if (cardinality == Cardinality.ONE_TO_MANY) {
      out.append(" group_right (").append(Printing.labelList(include)).append(')');
    }
    return out.toString();
  }
}
