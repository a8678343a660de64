package dev.floe.traceql;

/** One token with its text (unquoted for strings) and 1-based position. */
record Token(TokenKind kind, String text, int line, int column) {
  boolean is(TokenKind k) {
    return kind == k;
  }

  boolean isIdent(String word) {
    return kind == TokenKind.IDENT && text.equals(word);
  }

  /** How a parse error names the token, like Go yacc does. */
  String describe() {
    switch (kind) {
      case EOF:
        return "$end";
      case IDENT:
      case STRING:
      case INTEGER:
      case FLOAT:
      case DURATION:
      case ATTRIBUTE:
        return kind.name() + " " + text;
      default:
        return kind.name();
    }
  }
}
