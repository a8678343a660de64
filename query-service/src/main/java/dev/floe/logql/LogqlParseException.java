package dev.floe.logql;

/**
 * A LogQL query that does not parse or validate, with the 1-based line and column of the offending token.
 *
 * <p>The message follows Loki's so that clients and Grafana show the same text: {@code parse error at line 1,
 * col 16: syntax error: unexpected IDENTIFIER}; a line and column of 0 mean the error belongs to the query as a
 * whole, printed as {@code parse error : ...} as Loki does.
 */
public final class LogqlParseException extends RuntimeException {
  private final String detail;
  private final int line;
  private final int column;

  public LogqlParseException(String detail, int line, int column) {
    super(format(detail, line, column));
    this.detail = detail;
    this.line = line;
    this.column = column;
  }

  /** The message without the {@code parse error at ...} prefix. */
  public String detail() {
    return detail;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  private static String format(String detail, int line, int column) {
    if (line == 0 && column == 0) {
      return "parse error : " + detail;
    }
    return "parse error at line " + line + ", col " + column + ": " + detail;
  }
}
