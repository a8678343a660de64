package dev.floe.traceql;

/**
 * A query that does not parse or validate. The message is Tempo's: {@code parse error at line 1, col 5:
 * syntax error: ...} for syntax, the bare reason for validation.
 */
public final class TraceqlParseException extends IllegalArgumentException {
  private final int line;
  private final int column;

  public TraceqlParseException(String message, int line, int column) {
    super(line == 0 && column == 0
        ? message
        : "parse error at line " + line + ", col " + column + ": " + message);
    this.line = line;
    this.column = column;
  }

  /** A validation error, which has no position. */
  public TraceqlParseException(String message) {
    this(message, 0, 0);
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
