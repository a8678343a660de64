package dev.floe.traceql.engine;

import dev.floe.traceql.Static;
import java.util.List;
import java.util.Map;

/**
 * A set of spans of one trace with the attributes the pipeline gave it ({@code by()} groups and
 * aggregate values, in order) and the scalar of its last aggregate (null when none).
 */
public record Spanset(List<SpanRow> spans, List<Map.Entry<String, Static>> attributes, Static scalar) {
  public Spanset {
    spans = List.copyOf(spans);
    attributes = List.copyOf(attributes);
  }

  Spanset withSpans(List<SpanRow> newSpans) {
    return new Spanset(newSpans, attributes, scalar);
  }
}
