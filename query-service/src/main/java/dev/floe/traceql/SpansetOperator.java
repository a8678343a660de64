package dev.floe.traceql;

/** Operators between spansets: logical, structural, and their negated and union forms. */
public enum SpansetOperator {
  AND("&&"), OR("||"),
  CHILD(">"), PARENT("<"), DESCENDANT(">>"), ANCESTOR("<<"), SIBLING("~"),
  NOT_CHILD("!>"), NOT_PARENT("!<"), NOT_DESCENDANT("!>>"), NOT_ANCESTOR("!<<"), NOT_SIBLING("!~"),
  UNION_CHILD("&>"), UNION_PARENT("&<"), UNION_DESCENDANT("&>>"), UNION_ANCESTOR("&<<"), UNION_SIBLING("&~");

  private final String symbol;

  SpansetOperator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** The structural relation this operator tests, or null for {@code &&} and {@code ||}. */
  public Relation relation() {
    switch (this) {
      case CHILD: case NOT_CHILD: case UNION_CHILD: return Relation.CHILD;
      case PARENT: case NOT_PARENT: case UNION_PARENT: return Relation.PARENT;
      case DESCENDANT: case NOT_DESCENDANT: case UNION_DESCENDANT: return Relation.DESCENDANT;
      case ANCESTOR: case NOT_ANCESTOR: case UNION_ANCESTOR: return Relation.ANCESTOR;
      case SIBLING: case NOT_SIBLING: case UNION_SIBLING: return Relation.SIBLING;
      default: return null;
    }
  }

  public boolean isNegated() {
    return name().startsWith("NOT_");
  }

  public boolean isUnion() {
    return name().startsWith("UNION_");
  }

  /** How a right-hand span relates to a left-hand one for the operator to hold. */
  public enum Relation { CHILD, PARENT, DESCENDANT, ANCESTOR, SIBLING }

  @Override
  public String toString() {
    return symbol;
  }
}
