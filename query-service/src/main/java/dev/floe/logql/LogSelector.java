package dev.floe.logql;

import java.util.List;

/** A log query: a stream selector and the pipeline its lines go through, in order. */
public record LogSelector(StreamSelector selector, List<Stage> stages) implements Expr {
  public LogSelector {
    stages = List.copyOf(stages);
  }

  /** The {@code unwrap} stage, if the pipeline has one; only range aggregations accept it. */
  public Stage.Unwrap unwrap() {
    for (Stage stage : stages) {
      if (stage instanceof Stage.Unwrap) {
        return (Stage.Unwrap) stage;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(selector.toString());
    for (Stage stage : stages) {
      out.append(' ').append(stage);
    }
    return out.toString();
  }
}
