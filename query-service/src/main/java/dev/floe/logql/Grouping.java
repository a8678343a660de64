package dev.floe.logql;

import java.util.List;

/** {@code by (a, b)} or {@code without (a)}; an empty list is written {@code by ()} and differs from none. */
public record Grouping(boolean without, List<String> labels) {
  public Grouping {
    labels = List.copyOf(labels);
  }

  @Override
  public String toString() {
    return (without ? "without" : "by") + " (" + String.join(", ", labels) + ")";
  }
}
