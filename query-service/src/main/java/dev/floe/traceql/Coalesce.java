package dev.floe.traceql;

/** {@code coalesce()}: merges a trace's spansets into one. */
public record Coalesce() implements SpansetExpr {
  @Override
  public String toString() {
    return "coalesce()";
  }
}
