package dev.floe.traceql.engine;

/**
 * The time buckets of a metrics query, as Tempo's interval mapper draws them. A range query has
 * right-closed buckets {@code (start + i*step, start + (i+1)*step]} stamped at their right edge; an
 * instant query has one bucket {@code [start, end]} stamped at {@code end}. A span counts in the bucket
 * of its start time.
 */
public record MetricsRange(long startNanos, long endNanos, long stepNanos, boolean instant) {

  /**
   * A range query aligned as Tempo's frontend aligns it: start down to a step and one step earlier,
   * end up to a step, so refreshes of "the last hour" give the same buckets.
   */
  public static MetricsRange aligned(long startNanos, long endNanos, long stepNanos) {
    long start = startNanos - Math.floorMod(startNanos, stepNanos);
    long mod = Math.floorMod(endNanos, stepNanos);
    long end = mod == 0 ? endNanos : endNanos + stepNanos - mod;
    if (start > stepNanos) {
      start -= stepNanos;
    }
    return new MetricsRange(start, end, stepNanos, false);
  }

  public static MetricsRange instant(long startNanos, long endNanos) {
    return new MetricsRange(startNanos, endNanos, endNanos - startNanos, true);
  }

  /** Tempo's default step: range/240 rounded down to 1h, 5m, 1m, 15s, 5s or 1s (50 ms steps under a minute). */
  public static long defaultStep(long startNanos, long endNanos) {
    long baseline = (endNanos - startNanos) / 240;
    if (endNanos - startNanos < 60_000_000_000L) {
      long g = 50_000_000L;
      return baseline > g ? baseline / g * g : g;
    }
    long[] granularities = {3_600_000_000_000L, 300_000_000_000L, 60_000_000_000L, 15_000_000_000L, 5_000_000_000L,
      1_000_000_000L};
    for (long g : granularities) {
      if (baseline > g) {
        return baseline / g * g;
      }
    }
    return 1_000_000_000L;
  }

  public int intervals() {
    return instant ? 1 : (int) ((endNanos - startNanos) / stepNanos);
  }

  /** The bucket of a span starting at {@code nanos}, or -1 outside the range. */
  public int interval(long nanos) {
    if (instant) {
      return nanos >= startNanos && nanos <= endNanos && endNanos != startNanos ? 0 : -1;
    }
    if (nanos <= startNanos || nanos > endNanos) {
      return -1;
    }
    long offset = nanos - startNanos;
    long i = offset / stepNanos;
    return (int) (offset % stepNanos == 0 ? i - 1 : i);
  }

  /** The timestamp of bucket {@code i}, in unix milliseconds. */
  public long timestampMs(int i) {
    return (instant ? endNanos : startNanos + (i + 1) * stepNanos) / 1_000_000L;
  }

  /** The seconds one bucket spans, which {@code rate()} divides by. */
  double bucketSeconds() {
    return stepNanos / 1e9;
  }

  /** The span start times to read: every bucket's. */
  long readStartNanos() {
    return instant ? startNanos : startNanos + 1;
  }

  long readEndNanos() {
    return endNanos + 1;
  }
}
