package dev.floe.lang;

import java.time.Duration;

/**
 * When a query must stop: its deadline, and its cancellation when the client goes away. The API layer
 * makes one per request; scans, pipelines and evaluators call {@link #check()} between units of work
 * (a batch, a line, a step, a series), so a query stops soon after its deadline whatever it is doing.
 * Thread-safe; {@link #check()} costs a volatile read and a clock read.
 */
public final class QueryContext {
  private final long startNanos;
  private final long deadlineNanos;
  private final Duration timeout;
  private final Cancellation cancellation;

  /** Shared by a context and the narrower ones made from it, so cancelling one stops them all. */
  private static final class Cancellation {
    private volatile boolean canceled;
  }

  private QueryContext(long startNanos, Duration timeout, Cancellation cancellation) {
    this.startNanos = startNanos;
    this.timeout = timeout;
    this.cancellation = cancellation;
    long nanos = timeout.toNanos();
    this.deadlineNanos = startNanos + nanos;
  }

  /** A context that times out {@code timeout} from now. */
  public static QueryContext withTimeout(Duration timeout) {
    return new QueryContext(System.nanoTime(), clamp(timeout), new Cancellation());
  }

  /** A context that never times out, for work without a caller waiting (tests, tools); it can still be cancelled. */
  public static QueryContext unbounded() {
    return withTimeout(Duration.ofDays(365));
  }

  /**
   * This context, with its deadline brought forward to {@code timeout} after its start if that is sooner;
   * it is cancelled with this one.
   */
  public QueryContext narrowedTo(Duration timeout) {
    Duration clamped = clamp(timeout);
    return clamped.compareTo(this.timeout) >= 0 ? this : new QueryContext(startNanos, clamped, cancellation);
  }

  /** Stops the query at its next {@link #check()}; called when the client goes away. */
  public void cancel() {
    cancellation.canceled = true;
  }

  public boolean canceled() {
    return cancellation.canceled;
  }

  /** The longest the query may run. */
  public Duration timeout() {
    return timeout;
  }

  /** How long the query has run. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Nanoseconds left before the deadline; zero or less once it has passed. */
  public long remainingNanos() {
    return deadlineNanos - System.nanoTime();
  }

  /**
   * Throws when the query must stop: the client went away (or the thread was interrupted) or the
   * deadline passed.
   *
   * @throws QueryStoppedException telling which
   */
  public void check() {
    if (cancellation.canceled || Thread.currentThread().isInterrupted()) {
      throw new QueryStoppedException(QueryStoppedException.Reason.CANCELED, elapsed());
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new QueryStoppedException(QueryStoppedException.Reason.TIMEOUT, elapsed());
    }
  }

  // Beyond a year the deadline arithmetic in nanoseconds could overflow.
  private static Duration clamp(Duration timeout) {
    Duration year = Duration.ofDays(365);
    return timeout.compareTo(year) > 0 ? year : timeout;
  }
}
