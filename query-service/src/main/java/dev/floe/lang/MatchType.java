package dev.floe.lang;

/** How a label matcher compares a label's value, in LogQL, PromQL and TraceQL alike. */
public enum MatchType {
  EQUAL("="),
  NOT_EQUAL("!="),
  REGEX("=~"),
  NOT_REGEX("!~");

  private final String symbol;

  MatchType(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in a query. */
  public String symbol() {
    return symbol;
  }

  public boolean isRegex() {
    return this == REGEX || this == NOT_REGEX;
  }
}
