package dev.floe.query.api;

/** A query refused because too many are already running or waiting; the APIs answer it with 429. */
public final class TooManyQueriesException extends RuntimeException {
  public TooManyQueriesException(String message) {
    super(message, null, false, false);
  }
}
