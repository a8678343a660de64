package dev.floe.logql.template;

/**
 * A lexical item of a template: text outside actions, or a piece of an action. {@code spaceBefore} keeps
 * the one thing Go's lexer says with its space items: whether arguments are separate or chained.
 */
record Token(Kind kind, String text, int pos, boolean spaceBefore) {
  enum Kind {
    TEXT, LEFT_DELIM, RIGHT_DELIM, IDENTIFIER, KEYWORD, FIELD, VARIABLE, DOT, STRING, RAW_STRING, CHAR, NUMBER,
    BOOL, NIL, PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, COMMA, EOF
  }

  /** How Go names the item in "unexpected" errors. */
  String describe() {
    return switch (kind) {
      case EOF -> "EOF";
      case RIGHT_DELIM -> "\"}}\"";
      case LEFT_DELIM -> "\"{{\"";
      case TEXT -> GoFormat.quote(text);
      default -> "<" + text + ">";
    };
  }
}
