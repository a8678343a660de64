package dev.floe.logql;

/** Binary operators with PromQL's precedence: {@code ^} binds tightest and is the only right-associative one. */
public enum BinaryOp {
  OR("or", 1),
  AND("and", 2),
  UNLESS("unless", 2),
  EQ("==", 3),
  NEQ("!=", 3),
  GT(">", 3),
  GTE(">=", 3),
  LT("<", 3),
  LTE("<=", 3),
  ADD("+", 4),
  SUB("-", 4),
  MUL("*", 5),
  DIV("/", 5),
  MOD("%", 5),
  POW("^", 6);

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

  public boolean isComparison() {
    return precedence == 3;
  }

  /** {@code and}, {@code or}, {@code unless}: they match series instead of computing values. */
  public boolean isSetOperation() {
    return precedence <= 2;
  }

  public boolean isRightAssociative() {
    return this == POW;
  }

  static BinaryOp of(Token token) {
    switch (token.kind()) {
      case CMP_EQ:
        return EQ;
      case NEQ:
        return NEQ;
      case GT:
        return GT;
      case GTE:
        return GTE;
      case LT:
        return LT;
      case LTE:
        return LTE;
      case ADD:
        return ADD;
      case SUB:
        return SUB;
      case MUL:
        return MUL;
      case DIV:
        return DIV;
      case MOD:
        return MOD;
      case POW:
        return POW;
      case IDENTIFIER:
        switch (token.text()) {
          case "or":
            return OR;
          case "and":
            return AND;
          case "unless":
            return UNLESS;
          default:
            return null;
        }
      default:
        return null;
    }
  }
}
