package dev.floe.logql;

import java.util.List;

/**
 * How a binary operation pairs series: {@code on (a)} or {@code ignoring (a)}, then optionally {@code
 * group_left (b)} or {@code group_right (b)} for many-to-one matches.
 */
public record VectorMatching(boolean on, List<String> labels, Cardinality cardinality, List<String> include) {

  /** One-to-one unless a {@code group_} modifier says which side has many series. */
  public enum Cardinality {
    ONE_TO_ONE,
    GROUP_LEFT,
    GROUP_RIGHT
  }

  public VectorMatching {
    labels = List.copyOf(labels);
    include = List.copyOf(include);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(on ? "on" : "ignoring").append(" (").append(String.join(", ", labels));
    out.append(')');
    if (cardinality != Cardinality.ONE_TO_ONE) {
      out.append(cardinality == Cardinality.GROUP_LEFT ? " group_left" : " group_right");
      out.append(" (").append(String.join(", ", include)).append(')');
    }
    return out.toString();
  }
}
