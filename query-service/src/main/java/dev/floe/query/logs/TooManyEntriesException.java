package dev.floe.query.logs;

/** A log scan that would hold more entries in memory than the configured bound. */
public final class TooManyEntriesException extends RuntimeException {
  public TooManyEntriesException(int maxEntries) {
    super("the query reads more than " + maxEntries
        + " log lines; narrow its time range, add label matchers or a line filter");
  }
}
