package dev.floe.traceql;

import java.util.Map;

/**
 * A parsed TraceQL query: either a spanset pipeline ({@code spans}) for search, or a metrics query
 * ({@code metrics}), with the {@code with(...)} hints.
 */
public record TraceqlQuery(SpansetExpr spans, MetricsExpr metrics, Map<String, Static> hints) {
  public TraceqlQuery {
    hints = Map.copyOf(hints);
  }

  public boolean isMetrics() {
    return metrics != null;
  }

  /** Whether {@code with(most_recent=true)} asks for the newest traces rather than the first found. */
  public boolean mostRecent() {
    Static hint = hints.get("most_recent");
    return hint != null && hint.asBool();
  }
}
