package dev.floe.traceql.engine;

/** A query that parsed but cannot run on the data, such as structural operators over grouped spansets. */
public final class TraceqlQueryException extends RuntimeException {
  public TraceqlQueryException(String message) {
    super(message);
  }
}
