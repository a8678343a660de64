package dev.floe.promql;

/** Binary operators with Prometheus' precedence: higher binds tighter, {@code ^} is right-associative. */
public enum BinaryOp {
  POW("^", 6),
  MUL("*", 5),
  DIV("/", 5),
  MOD("%", 5),
  ATAN2("atan2", 5),
  /** Experimental: drops native histogram observations above the cutoff. */
  TRIM_UPPER("</", 5),
  /** Experimental: drops native histogram observations below the cutoff. */
  TRIM_LOWER(">/", 5),
  ADD("+", 4),
  SUB("-", 4),
  EQLC("==", 3),
  NEQ("!=", 3),
  LTE("<=", 3),
  LSS("<", 3),
  GTE(">=", 3),
  GTR(">", 3),
  AND("and", 2),
  UNLESS("unless", 2),
  OR("or", 1);

  private final String symbol;
  private final int precedence;

  BinaryOp(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  public boolean isRightAssociative() {
    return this == POW;
  }

  public boolean isComparison() {
    return precedence == 3;
  }

  public boolean isExperimental() {
    return this == TRIM_UPPER || this == TRIM_LOWER;
  }

  public boolean isSetOperator() {
    return this == AND || this == UNLESS || this == OR;
  }

  static BinaryOp of(Token token) {
    return switch (token.type()) {
      case POW -> POW;
      case MUL -> MUL;
      case DIV -> DIV;
      case MOD -> MOD;
      case ADD -> ADD;
      case SUB -> SUB;
      case EQLC -> EQLC;
      case NEQ -> NEQ;
      case LTE -> LTE;
      case LSS -> LSS;
      case GTE -> GTE;
      case GTR -> GTR;
      case TRIM_UPPER -> TRIM_UPPER;
      case TRIM_LOWER -> TRIM_LOWER;
      case IDENTIFIER -> switch (token.text().toLowerCase(java.util.Locale.ROOT)) {
        case "atan2" -> ATAN2;
        case "and" -> AND;
        case "unless" -> UNLESS;
        case "or" -> OR;
        default -> null;
      };
      default -> null;
    };
  }
}
