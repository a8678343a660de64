package dev.floe.promql;

/** A query that does not lex, parse or type-check, with the offending position. */
public final class PromqlParseException extends RuntimeException {
  private final int offset;
  private final int line;
  private final int column;
  private final String detail;

  PromqlParseException(String query, int offset, String detail) {
    super(format(query, offset, detail));
    this.offset = offset;
    int[] lineColumn = lineColumn(query, offset);
    this.line = lineColumn[0];
    this.column = lineColumn[1];
    this.detail = detail;
  }

  /** Character offset of the error in the query. */
  public int offset() {
    return offset;
  }

  /** 1-based line of the error. */
  public int line() {
    return line;
  }

  /** 1-based column of the error within its line. */
  public int column() {
    return column;
  }

  /** The message without the position prefix. */
  public String detail() {
    return detail;
  }

  private static String format(String query, int offset, String detail) {
    int[] lineColumn = lineColumn(query, offset);
    return lineColumn[0] + ":" + lineColumn[1] + ": parse error: " + detail;
  }

  private static int[] lineColumn(String query, int offset) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(offset, query.length());
    for (int i = 0; i < end; i++) {
      if (query.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }
}
