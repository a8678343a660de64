package dev.floe.promql;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.MatchType;
import java.util.ArrayList;
import java.util.List;

/** The vector selectors of an expression, as Prometheus's {@code parser.ExtractSelectors} finds them. */
public final class VectorSelectors {
  private VectorSelectors() {}

  /**
   * The matchers of every vector selector of {@code expr} (also those of range selectors and
   * subqueries), in the order they appear; a selector's metric name becomes a {@code __name__} matcher.
   */
  public static List<List<LabelMatcher>> matchers(Expr expr) {
    List<List<LabelMatcher>> found = new ArrayList<>();
    walk(expr, found);
    return found;
  }

  /** The matchers of one selector, its metric name as a {@code __name__} matcher. */
  public static List<LabelMatcher> matchers(VectorSelector selector) {
    List<LabelMatcher> matchers = new ArrayList<>(selector.matchers());
    if (selector.name() != null) {
      matchers.add(new LabelMatcher("__name__", MatchType.EQUAL, selector.name()));
    }
    return matchers;
  }

  private static void walk(Expr expr, List<List<LabelMatcher>> found) {
    if (expr instanceof VectorSelector selector) {
      found.add(matchers(selector));
    } else if (expr instanceof MatrixSelector matrix) {
      walk(matrix.selector(), found);
    } else if (expr instanceof SubqueryExpr subquery) {
      walk(subquery.expr(), found);
    } else if (expr instanceof ParenExpr paren) {
      walk(paren.expr(), found);
    } else if (expr instanceof UnaryExpr unary) {
      walk(unary.expr(), found);
    } else if (expr instanceof BinaryExpr binary) {
      walk(binary.lhs(), found);
      walk(binary.rhs(), found);
    } else if (expr instanceof AggregateExpr aggregate) {
      if (aggregate.param() != null) {
        walk(aggregate.param(), found);
      }
      walk(aggregate.expr(), found);
    } else if (expr instanceof Call call) {
      call.args().forEach(arg -> walk(arg, found));
    }
  }
}
