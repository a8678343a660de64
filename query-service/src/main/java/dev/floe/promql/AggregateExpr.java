package dev.floe.promql;

import java.util.List;

/**
 * An aggregation such as {@code topk by (job) (3, foo)}.
 *
 * @param op the operator
 * @param param the parameter of topk, quantile and the like, or {@code null}
 * @param expr the aggregated instant vector
 * @param grouping the {@code by} or {@code without} labels
 * @param without whether {@code grouping} lists {@code without} labels
 */
public record AggregateExpr(AggregateOp op, Expr param, Expr expr, List<String> grouping, boolean without)
    implements Expr {

  public AggregateExpr {
    grouping = List.copyOf(grouping);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(op.symbol());
    if (without) {
      out.append(" without (").append(Printing.labelList(grouping)).append(") ");
    } else if (!grouping.isEmpty()) {
      out.append(" by (").append(Printing.labelList(grouping)).append(") ");
    }
    out.append('(');
    if (param != null) {
      out.append(param).append(", ");
    }
    return out.append(expr).append(')').toString();
  }
}
