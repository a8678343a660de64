package dev.floe.logql;

/** How a label matcher compares a label's value. */
public enum MatchOp {
  EQUAL("="),
  NOT_EQUAL("!="),
  REGEX("=~"),
  NOT_REGEX("!~");

  private final String symbol;

  MatchOp(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean isRegex() {
    return this == REGEX || this == NOT_REGEX;
  }
}
