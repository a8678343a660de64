package dev.floe.promql;

import dev.floe.lang.GoStrings;


/**
 * One lexed token.
 *
 * @param type the token kind
 * @param text the source text; for strings the unquoted value
 * @param pos character offset of the token's first character in the query
 */
record Token(TokenType type, String text, int pos) {

  /** How error messages name this token, in the style of Prometheus. */
  String describe() {
    return switch (type) {
      case EOF -> "end of input";
      case IDENTIFIER, METRIC_IDENTIFIER -> "identifier \"" + text + "\"";
      case STRING -> "string " + GoStrings.quote(text);
      case NUMBER -> "number \"" + text + "\"";
      case DURATION -> "duration \"" + text + "\"";
      default -> "\"" + text + "\"";
    };
  }
}
