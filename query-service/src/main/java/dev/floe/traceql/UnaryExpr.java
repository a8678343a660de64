package dev.floe.traceql;

/** {@code !x}, {@code -x}, {@code x != nil} ({@link Operator#EXISTS}) and {@code x = nil} ({@link Operator#NOT_EXISTS}). */
public record UnaryExpr(Operator op, FieldExpr operand) implements FieldExpr {
  @Override
  public String toString() {
    return op == Operator.EXISTS || op == Operator.NOT_EXISTS ? operand + " " + op : op.symbol() + operand;
  }
}
