package dev.floe.traceql;

import java.util.List;
import java.util.stream.Collectors;

/** {@code a | b | c}: each stage reads the spansets the one before it returned. */
public record Pipeline(List<SpansetExpr> stages) implements SpansetExpr {
  public Pipeline {
    stages = List.copyOf(stages);
  }

  @Override
  public String toString() {
    return stages.stream().map(Object::toString).collect(Collectors.joining(" | "));
  }
}
