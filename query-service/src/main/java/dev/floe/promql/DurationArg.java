package dev.floe.promql;

/**
 * A parsed range, step or offset: fixed milliseconds, or an experimental duration expression that
 * depends on the query ({@code step()}, {@code range()}) and so is kept for evaluation.
 *
 * @param millis the fixed value; 0 when {@code expr} is set
 * @param expr the scalar expression in seconds, or {@code null}
 */
record DurationArg(long millis, Expr expr) {

  static DurationArg fixed(long millis) {
    return new DurationArg(millis, null);
  }
}
