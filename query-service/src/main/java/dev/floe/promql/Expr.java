package dev.floe.promql;

/**
 * A node of a parsed PromQL expression. Nodes are immutable and compare by value; {@code toString()}
 * prints canonical PromQL that parses back to an equal node.
 */
public sealed interface Expr
    permits NumberLiteral,
        StringLiteral,
        VectorSelector,
        MatrixSelector,
        SubqueryExpr,
        ParenExpr,
        UnaryExpr,
        BinaryExpr,
        AggregateExpr,
        Call {

  /** The type this expression evaluates to. */
  ValueType type();
}
