package dev.floe.promql.engine;

import dev.floe.promql.Expr;
import dev.floe.promql.ParsedQuery;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The warnings and infos a query produced, each once, in the order first seen. Like Prometheus, each
 * message ends with the position of the part of the query it concerns when the query text is known.
 */
public final class Annotations {
  private final ParsedQuery query;
  private final Set<String> warnings = new LinkedHashSet<>();
  private final Set<String> infos = new LinkedHashSet<>();

  Annotations(ParsedQuery query) {
    this.query = query;
  }

  void warn(String message, Expr node) {
    warnings.add("PromQL warning: " + message + position(node));
  }

  void info(String message, Expr node) {
    infos.add("PromQL info: " + message + position(node));
  }

  private String position(Expr node) {
    String position = query == null || node == null ? null : query.position(node);
    return position == null ? "" : " (" + position + ")";
  }

  /** Messages starting with {@code PromQL warning: }. */
  public List<String> warnings() {
    return new ArrayList<>(warnings);
  }

  /** Messages starting with {@code PromQL info: }. */
  public List<String> infos() {
    return new ArrayList<>(infos);
  }
}
