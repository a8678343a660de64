package dev.floe.logql.engine;

import dev.floe.lang.Labels;

/** What one series of a range aggregation collects while the log range is read, then answers step by step. */
interface SeriesWindows {

  Labels labels();

  void add(long timestampNanos, double value);

  /**
   * Moves to the window of step {@code step}, {@code (startNanos, endNanos]}; steps come in increasing order.
   *
   * @return whether the window holds any sample
   */
  boolean advance(int step, long startNanos, long endNanos);

  /** The aggregation's value over the current window, which holds samples. */
  double value();
}
