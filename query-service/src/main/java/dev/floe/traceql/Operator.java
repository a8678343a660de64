package dev.floe.traceql;

/** Operators of field and scalar expressions. */
public enum Operator {
  ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^"),
  EQ("="), NEQ("!="), RE("=~"), NRE("!~"), GT(">"), GTE(">="), LT("<"), LTE("<="),
  AND("&&"), OR("||"), NOT("!"), EXISTS("!= nil"), NOT_EXISTS("= nil");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean isBoolean() {
    switch (this) {
      case EQ: case NEQ: case RE: case NRE: case GT: case GTE: case LT: case LTE: case AND: case OR: case NOT:
      case EXISTS: case NOT_EXISTS:
        return true;
      default:
        return false;
    }
  }

  public boolean isComparison() {
    return this == EQ || this == NEQ || this == GT || this == GTE || this == LT || this == LTE;
  }

  /** Whether a binary operator applies to operands of type {@code t} (Tempo's binaryTypeValid). */
  boolean validFor(StaticType t) {
    switch (t) {
      case ATTRIBUTE:
        return true;
      case BOOL:
      case BOOL_ARRAY:
        return this == AND || this == OR || this == EQ || this == NEQ;
      case FLOAT: case FLOAT_ARRAY: case INT: case INT_ARRAY: case DURATION:
        return this == ADD || this == SUB || this == MUL || this == DIV || this == MOD || this == POW || isComparison();
      case STRING:
      case STRING_ARRAY:
        return isComparison() || this == RE || this == NRE;
      case NIL: case STATUS: case KIND:
        return this == EQ || this == NEQ;
      default:
        return false;
    }
  }

  @Override
  public String toString() {
    return symbol;
  }
}
