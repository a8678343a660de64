package dev.floe.traceql;

/** {@code { expr }}: keeps the spans for which {@code expr} is true. */
public record SpansetFilter(FieldExpr expr) implements SpansetExpr {
  @Override
  public String toString() {
    return "{ " + expr + " }";
  }
}
