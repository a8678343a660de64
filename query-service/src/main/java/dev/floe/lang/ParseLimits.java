package dev.floe.lang;

/**
 * How large a query the parsers accept, so that a query cannot exhaust the stack or hold a core: the
 * longest query text and the deepest nesting (parentheses, function calls and chains of binary
 * operators, each a level of the expression tree that parsing and evaluation recurse through).
 *
 * @param maxDepth the deepest nesting accepted
 * @param maxLength the longest query accepted, in characters
 */
public record ParseLimits(int maxDepth, int maxLength) {
  /** Deep enough for any query a person writes; evaluation recurses this deep on a thread's default stack. */
  public static final ParseLimits DEFAULT = new ParseLimits(128, 65_536);

  public ParseLimits {
    if (maxDepth < 1 || maxLength < 1) {
      throw new IllegalArgumentException("parse limits must be positive: depth " + maxDepth + ", length " + maxLength);
    }
  }

  /** The message of a query nested deeper than {@link #maxDepth()}. */
  public String tooDeep() {
    return "query is nested too deeply: more than " + maxDepth + " levels of parentheses, function calls or "
        + "operators (limits.maxDepth)";
  }

  /** The message of a query longer than {@link #maxLength()}. */
  public String tooLong(int length) {
    return "query is too long: " + length + " characters, more than the limit of " + maxLength
        + " (limits.maxExpressionLength)";
  }
}
