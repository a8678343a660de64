package dev.floe.query.api.tempo;

/** A TraceQL query stopped because it ran past its deadline or its client went away. */
final class QueryTimeoutException extends RuntimeException {
  QueryTimeoutException(String message) {
    super(message);
  }
}
