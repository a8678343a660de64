package dev.floe.promql;

/** Attaches {@code offset} and {@code @} modifiers to the selectors and subqueries that accept them. */
final class Modifiers {
  private Modifiers() {}

  static Expr withOffset(PromqlParser parser, Token keyword, Expr expr, DurationArg offset) {
    if (expr instanceof VectorSelector selector) {
      checkOffsetUnset(parser, keyword, selector.hasOffset());
      return selector.withOffset(offset);
    }
    if (expr instanceof MatrixSelector matrix) {
      checkOffsetUnset(parser, keyword, matrix.selector().hasOffset());
      return matrix.withSelector(matrix.selector().withOffset(offset));
    }
    if (expr instanceof SubqueryExpr subquery) {
      checkOffsetUnset(parser, keyword, subquery.hasOffset());
      return subquery.withOffset(offset);
    }
    throw parser.error(keyword,
        "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }

  static Expr withAt(PromqlParser parser, Token keyword, Expr expr, AtModifier at) {
    if (expr instanceof VectorSelector selector) {
      checkAtUnset(parser, keyword, selector.at());
      return selector.withAt(at);
    }
    if (expr instanceof MatrixSelector matrix) {
      checkAtUnset(parser, keyword, matrix.selector().at());
      return matrix.withSelector(matrix.selector().withAt(at));
    }
    if (expr instanceof SubqueryExpr subquery) {
      checkAtUnset(parser, keyword, subquery.at());
      return subquery.withAt(at);
    }
    throw parser.error(keyword,
        "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }

  static Expr withExtension(PromqlParser parser, Token keyword, Expr expr, RangeExtension extension) {
    VectorSelector selector = expr instanceof MatrixSelector matrix ? matrix.selector()
        : expr instanceof VectorSelector vector ? vector : null;
    if (selector == null) {
      throw parser.error(keyword, keyword.text() + " modifier must be preceded by an instant vector selector "
          + "or range vector selector");
    }
    if (selector.extension() != RangeExtension.NONE) {
      throw parser.error(keyword, "anchored or smoothed may not be set multiple times");
    }
    if (expr instanceof MatrixSelector matrix) {
      return matrix.withSelector(selector.withExtension(extension));
    }
    return selector.withExtension(extension);
  }

  private static void checkOffsetUnset(PromqlParser parser, Token keyword, boolean offsetSet) {
    if (offsetSet) {
      throw parser.error(keyword, "offset may not be set multiple times");
    }
  }

  private static void checkAtUnset(PromqlParser parser, Token keyword, AtModifier at) {
    if (at != null) {
      throw parser.error(keyword, "@ <timestamp> may not be set multiple times");
    }
  }
}
