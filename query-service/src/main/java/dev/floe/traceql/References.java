package dev.floe.traceql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The attributes a query reads, in order of appearance, which a search returns on its spans. */
public final class References {
  private References() {}

  public static List<Attribute> of(SpansetExpr expr) {
    Set<Attribute> out = new LinkedHashSet<>();
    spanset(expr, out);
    return new ArrayList<>(out);
  }

  private static void spanset(SpansetExpr expr, Set<Attribute> out) {
    if (expr instanceof SpansetFilter) {
      field(((SpansetFilter) expr).expr(), out);
    } else if (expr instanceof SpansetOperation) {
      spanset(((SpansetOperation) expr).lhs(), out);
      spanset(((SpansetOperation) expr).rhs(), out);
    } else if (expr instanceof Pipeline) {
      ((Pipeline) expr).stages().forEach(stage -> spanset(stage, out));
    } else if (expr instanceof GroupBy) {
      field(((GroupBy) expr).expr(), out);
    } else if (expr instanceof Select) {
      out.addAll(((Select) expr).attributes());
    } else if (expr instanceof ScalarFilter) {
      scalar(((ScalarFilter) expr).lhs(), out);
      scalar(((ScalarFilter) expr).rhs(), out);
    }
  }

  private static void scalar(ScalarExpr expr, Set<Attribute> out) {
    if (expr instanceof Aggregate && ((Aggregate) expr).expr() != null) {
      field(((Aggregate) expr).expr(), out);
    } else if (expr instanceof ScalarArithmetic) {
      scalar(((ScalarArithmetic) expr).lhs(), out);
      scalar(((ScalarArithmetic) expr).rhs(), out);
    }
  }

  private static void field(FieldExpr expr, Set<Attribute> out) {
    if (expr instanceof Attribute) {
      out.add((Attribute) expr);
    } else if (expr instanceof BinaryExpr) {
      field(((BinaryExpr) expr).lhs(), out);
      field(((BinaryExpr) expr).rhs(), out);
    } else if (expr instanceof UnaryExpr) {
      field(((UnaryExpr) expr).operand(), out);
    }
  }
}
