package dev.floe.logql.template;

import dev.floe.lang.GoStrings;


/**
 * A lexical item of a template: text outside actions, or a piece of an action. {@code spaceBefore} keeps
 * the one thing Go's lexer says with its space items: whether arguments are separate or chained.
 */
record Token(Kind kind, String text, int pos, boolean spaceBefore) {
  enum Kind {
    TEXT, LEFT_DELIM, RIGHT_DELIM, IDENTIFIER, KEYWORD, FIELD, VARIABLE, DOT, STRING, RAW_STRING, CHAR, NUMBER,
    BOOL, NIL, PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, COMMA, EOF
  }

  /** How Go names the item in "unexpected" errors: {@code <if>}, {@code EOF}, or its quoted text. */
  String describe() {
    if (kind == Kind.EOF) {
      return "EOF";
    } else if (kind == Kind.KEYWORD) {
      return "<" + text + ">";
    }
    int runes = text.codePointCount(0, text.length());
    return runes > 10 ? GoStrings.quote(text.substring(0, text.offsetByCodePoints(0, 10))) + "..." : GoStrings.quote(text);
  }
}
