package dev.floe.logql;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.MatchType;
import dev.floe.lang.Regex;

/** The checks Loki makes after its grammar accepts a query, with Loki's messages. */
final class Validation {
  private Validation() {}

  static void selector(StreamSelector selector, Token at) {
    for (LabelMatcher matcher : selector.matchers()) {
      if (!matcher.matchesEmpty()) {
        return;
      }
    }
    throw error(
        "queries require at least one regexp or equality matcher that does not have an empty-compatible value. "
            + "For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will",
        at);
  }

  /** Checks that {@code regex} is valid RE2 syntax; the error is Go's, at the regex's position. */
  static void regex(String regex, Token at) {
    try {
      Regex.compile(regex);
    } catch (Regex.RegexSyntaxException e) {
      throw error(e.getMessage(), at);
    }
  }

  /** A label matcher; an invalid regex fails with Go's error at the value's position. */
  static LabelMatcher matcher(String name, MatchType type, Token value) {
    try {
      return new LabelMatcher(name, type, value.text());
    } catch (Regex.RegexSyntaxException e) {
      throw error(e.getMessage(), value);
    }
  }

  static void rangeAggregation(RangeOp op, Double parameter, LogRange range, Grouping grouping, Token at) {
    if (op == RangeOp.QUANTILE_OVER_TIME && parameter == null) {
      throw error("parameter required for operation " + op.function(), at);
    }
    if (op != RangeOp.QUANTILE_OVER_TIME && parameter != null) {
      throw error("parameter not allowed for operation " + op.function(), at);
    }
    boolean unwrapped = range.log().unwrap() != null;
    if (unwrapped && op.unwrapping() == RangeOp.Unwrapping.FORBIDDEN) {
      throw error("invalid aggregation " + op.function() + " with unwrap", at);
    }
    if (!unwrapped && op.unwrapping() == RangeOp.Unwrapping.REQUIRED) {
      throw error("invalid aggregation " + op.function() + " without unwrap", at);
    }
    if (grouping != null && !op.groupable()) {
      throw error("grouping not allowed for " + op.function() + " aggregation", at);
    }
  }

  static void vectorAggregation(VectorOp op, Double parameter, Token at) {
    if (op.takesParameter() && parameter == null) {
      throw error("parameter required for operation " + op.function(), at);
    }
    if (!op.takesParameter() && parameter != null) {
      throw error("parameter not allowed for operation " + op.function(), at);
    }
    if (parameter != null && (parameter <= 0 || parameter != Math.rint(parameter))) {
      throw error("invalid parameter for operation " + op.function() + ": must be a positive integer", at);
    }
  }

  static void binary(
      MetricExpr left, BinaryOp op, boolean returnBool, VectorMatching matching, MetricExpr right, Token at) {
    if (returnBool && !op.isComparison()) {
      throw error("bool modifier can only be used on comparison operators", at);
    }
    if (op.isSetOperation()) {
      if (left instanceof MetricExpr.Literal) {
        throw error("unexpected literal for left leg of logical/set binary operation (" + op.symbol() + ")", at);
      }
      if (right instanceof MetricExpr.Literal) {
        throw error("unexpected literal for right leg of logical/set binary operation (" + op.symbol() + ")", at);
      }
      if (matching != null && matching.cardinality() != VectorMatching.Cardinality.ONE_TO_ONE) {
        throw error("no grouping allowed for \"" + op.symbol() + "\" operation", at);
      }
    }
  }

  static LogqlParseException error(String message, Token at) {
    return new LogqlParseException(message, at.line(), at.column());
  }
}
