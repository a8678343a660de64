package dev.floe.promql;

import java.util.List;

/** Builds a binary expression after the type checks Prometheus applies to it. */
final class BinaryChecks {
  private BinaryChecks() {}

  static BinaryExpr build(
      PromqlParser parser,
      int start,
      BinaryOp op,
      Expr lhs,
      Expr rhs,
      boolean returnBool,
      boolean matchingGiven,
      boolean on,
      List<String> labels,
      VectorMatching.Cardinality grouping,
      List<String> include) {
    if (!isOperand(lhs) || !isOperand(rhs)) {
      throw parser.error(start, "binary expression must contain only scalar and instant vector types");
    }
    boolean anyScalar = lhs.type() == ValueType.SCALAR || rhs.type() == ValueType.SCALAR;
    if (returnBool && !op.isComparison()) {
      throw parser.error(start, "bool modifier can only be used on comparison operators");
    }
    if (op.isComparison() && !returnBool && lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR) {
      throw parser.error(start, "comparisons between scalars must use BOOL modifier");
    }
    if (op.isSetOperator() && anyScalar) {
      throw parser.error(start, "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
    }
    if (matchingGiven && anyScalar) {
      throw parser.error(start, "vector matching only allowed between instant vectors");
    }
    if (grouping != null && op.isSetOperator()) {
      throw parser.error(start, "no grouping allowed for \"" + op.symbol() + "\" operation");
    }
    for (String label : include) {
      if (on && labels.contains(label)) {
        throw parser.error(start, "label \"" + label + "\" must not occur in ON and GROUP clause at once");
      }
    }
    VectorMatching matching = null;
    if (!anyScalar) {
      VectorMatching.Cardinality cardinality = grouping != null
          ? grouping
          : op.isSetOperator() ? VectorMatching.Cardinality.MANY_TO_MANY : VectorMatching.Cardinality.ONE_TO_ONE;
      matching = new VectorMatching(cardinality, labels, on, include);
    }
    return new BinaryExpr(op, lhs, rhs, returnBool, matching);
  }

  private static boolean isOperand(Expr expr) {
    return expr.type() == ValueType.SCALAR || expr.type() == ValueType.VECTOR;
  }
}
