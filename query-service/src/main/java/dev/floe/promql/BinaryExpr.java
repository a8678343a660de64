package dev.floe.promql;

/**
 * A binary operation.
 *
 * @param op the operator
 * @param lhs the left operand
 * @param rhs the right operand
 * @param returnBool whether the {@code bool} modifier was given (comparisons only)
 * @param matching the vector matching when both operands are instant vectors, else {@code null}
 * @param fill the experimental fill modifiers, or {@code null}
 */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, FillValues fill)
    implements Expr {

  public BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching) {
    this(op, lhs, rhs, returnBool, matching, null);
  }

  @Override
  public ValueType type() {
    return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
  }

  @Override
  public String toString() {
    return lhs
        + " "
        + op.symbol()
        + (returnBool ? " bool" : "")
        + (matching == null ? "" : matching.toString())
        + (fill == null ? "" : fill.toString())
        + " "
        + rhs;
  }
}
