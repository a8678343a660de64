package dev.floe.lang;

import java.time.Duration;

/**
 * A query stopped before its answer: it ran past its deadline or its client went away. The API that ran
 * the query answers it with its own timeout or cancellation error.
 */
public final class QueryStoppedException extends RuntimeException {
  /** Why a query stopped. */
  public enum Reason {
    TIMEOUT,
    CANCELED
  }

  private final Reason reason;
  private final Duration elapsed;

  public QueryStoppedException(Reason reason, Duration elapsed) {
    super(reason == Reason.TIMEOUT ? "query timed out after " + elapsed : "query canceled after " + elapsed, null, false, false);
    this.reason = reason;
    this.elapsed = elapsed;
  }

  public Reason reason() {
    return reason;
  }

  public boolean timedOut() {
    return reason == Reason.TIMEOUT;
  }

  /** How long the query had run when it stopped. */
  public Duration elapsed() {
    return elapsed;
  }
}
