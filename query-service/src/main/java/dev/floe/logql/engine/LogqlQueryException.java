package dev.floe.logql.engine;

import dev.floe.lang.Labels;

/**
 * A query that cannot be answered, with Loki's message and the HTTP status Loki answers it with: 400 for
 * limits and pipeline errors, 500 for vector-matching conflicts.
 */
public final class LogqlQueryException extends RuntimeException {
  static final String ERROR_LABEL = "__error__";

  private final int status;

  public LogqlQueryException(String message, int status) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  static LogqlQueryException badRequest(String message) {
    return new LogqlQueryException(message, 400);
  }

  static LogqlQueryException execution(String message) {
    return new LogqlQueryException(message, 500);
  }

  static LogqlQueryException seriesLimit(int limit) {
    return badRequest("maximum of series (" + limit + ") reached for a single query");
  }

  static LogqlQueryException entriesLimit(int limit, int max) {
    return badRequest(
        "max entries limit per query exceeded, limit > max_entries_limit_per_query (" + limit + " > " + max + ")");
  }


  /** A metric sample still carrying {@code __error__}: Loki fails the query rather than count bad lines. */
  static LogqlQueryException pipelineError(Labels series) {
    String type = series.get(ERROR_LABEL);
    return badRequest(
        "pipeline error: '"
            + type
            + "' for series: '"
            + series
            + "'.\n"
            + "Use a label filter to intentionally skip this error. (e.g | __error__!=\""
            + type
            + "\").\n"
            + "To skip all potential errors you can match empty errors.(e.g __error__=\"\")\n"
            + "The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__=\"\" )\n");
  }
}
