package dev.floe.traceql;

import java.util.List;

/** {@code select(a, b)}: adds fields to the spans the search returns. */
public record Select(List<Attribute> attributes) implements SpansetExpr {
  public Select {
    attributes = List.copyOf(attributes);
  }
}
