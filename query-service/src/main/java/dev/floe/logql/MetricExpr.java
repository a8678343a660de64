package dev.floe.logql;

import dev.floe.lang.GoStrings;
import java.util.List;
import java.util.stream.Collectors;

/** A LogQL metric query; {@code toString} adds parentheses only where precedence needs them. */
public sealed interface MetricExpr extends Expr {

  /** {@code rate({app="x"}[5m])}, {@code quantile_over_time(0.99, ... | unwrap d [1m]) by (a)}. */
  record RangeAggregation(RangeOp op, Double parameter, LogRange range, Grouping grouping) implements MetricExpr {
    @Override
    public String toString() {
      String param = parameter == null ? "" : Literals.number(parameter) + ", ";
      String text = op.function() + "(" + param + range + ")";
      return grouping == null ? text : text + " " + grouping;
    }
  }

  /** {@code sum by (level) (...)}, {@code topk(5, ...)}. */
  record VectorAggregation(VectorOp op, Double parameter, MetricExpr inner, Grouping grouping)
      implements MetricExpr {
    @Override
    public String toString() {
      String param = parameter == null ? "" : Literals.number(parameter) + ", ";
      String head = grouping == null ? op.function() : op.function() + " " + grouping + " ";
      return head + "(" + param + inner + ")";
    }
  }

  /** {@code a / on (x) group_left (y) b}, {@code a > bool 1}. */
  record BinaryExpr(MetricExpr left, BinaryOp op, boolean returnBool, VectorMatching matching, MetricExpr right)
      implements MetricExpr {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(operand(left, op.isRightAssociative()));
      out.append(' ').append(op.symbol());
      if (returnBool) {
        out.append(" bool");
      }
      if (matching != null) {
        out.append(' ').append(matching);
      }
      return out.append(' ').append(operand(right, !op.isRightAssociative())).toString();
    }

    private String operand(MetricExpr side, boolean parenthesizeEqual) {
      if (side instanceof BinaryExpr) {
        int inner = ((BinaryExpr) side).op().precedence();
        if (inner < op.precedence() || (inner == op.precedence() && parenthesizeEqual)) {
          return "(" + side + ")";
        }
      }
      return side.toString();
    }
  }

  /** A number. */
  record Literal(double value) implements MetricExpr {
    @Override
    public String toString() {
      return Literals.number(value);
    }
  }

  /** {@code vector(1)}: one series without labels; Grafana's health check adds two of them. */
  record VectorLiteral(double value) implements MetricExpr {
    @Override
    public String toString() {
      return "vector(" + Literals.number(value) + ")";
    }
  }

  /** {@code label_replace(expr, "dst", "replacement", "src", "regex")}. */
  record LabelReplace(MetricExpr inner, String destination, String replacement, String source, String regex)
      implements MetricExpr {
    @Override
    public String toString() {
      return "label_replace("
          + inner
          + List.of(destination, replacement, source, regex).stream()
              .map(GoStrings::quote)
              .collect(Collectors.joining(", ", ", ", ")"));
    }
  }
}
