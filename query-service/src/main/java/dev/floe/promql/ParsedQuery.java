package dev.floe.promql;

import java.util.Map;

/** A parsed query with where its nodes start, to point messages at the part of the query they concern. */
public final class ParsedQuery {
  private final String query;
  private final Expr expr;
  private final Map<Expr, Integer> positions;

  ParsedQuery(String query, Expr expr, Map<Expr, Integer> positions) {
    this.query = query;
    this.expr = expr;
    this.positions = positions;
  }

  public Expr expr() {
    return expr;
  }

  /** Where {@code node} (this very instance) starts, as Prometheus prints it: {@code line:column}, or null. */
  public String position(Expr node) {
    Integer offset = positions.get(node);
    if (offset == null) {
      return null;
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (query.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return line + ":" + (offset - lineStart + 1);
  }
}
