package dev.floe.logql;

/**
 * One lexed token. {@code text} is the decoded value: a string literal without quotes and escapes, a range
 * without its brackets.
 */
record Token(TokenKind kind, String text, int line, int column) {

  boolean is(TokenKind other) {
    return kind == other;
  }

  boolean isWord(String word) {
    return kind == TokenKind.IDENTIFIER && text.equals(word);
  }

  /** How Loki names this token in a syntax error: keywords by their upper-case spelling. */
  String describe() {
    if (kind == TokenKind.EOF) {
      return "$end";
    }
    if (kind == TokenKind.IDENTIFIER && Keywords.isKeyword(text)) {
      return text.toUpperCase(java.util.Locale.ROOT);
    }
    return kind.name();
  }
}
