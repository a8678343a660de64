package dev.floe.traceql;

/** The kinds of TraceQL tokens. Keywords arrive as {@link #IDENT} and are read in context. */
enum TokenKind {
  IDENT,
  STRING,
  INTEGER,
  FLOAT,
  DURATION,
  /** {@code resource.}, {@code span.}, {@code event.}, {@code link.}, {@code instrumentation.}, {@code parent.} or {@code .}. */
  SCOPE_DOT,
  /** {@code span:}, {@code trace:}, {@code event:}, {@code link:}, {@code instrumentation:}. */
  SCOPE_COLON,
  /** An attribute name after a {@link #SCOPE_DOT}. */
  ATTRIBUTE,
  OPEN_BRACE, CLOSE_BRACE, OPEN_PARENS, CLOSE_PARENS, COMMA,
  EQ, NEQ, RE, NRE, GT, GTE, LT, LTE,
  ADD, SUB, MUL, DIV, MOD, POW,
  AND, OR, NOT, PIPE,
  DESC, ANCE, SIBL,
  NOT_CHILD, NOT_PARENT, NOT_DESC, NOT_ANCE,
  UNION_CHILD, UNION_PARENT, UNION_DESC, UNION_ANCE, UNION_SIBL,
  EOF
}
