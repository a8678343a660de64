package dev.floe.push;

import dev.floe.otlp.MappingLimits;
import java.time.Instant;

/** The record times a request accepts: {@link MappingLimits#maxPast()} before to {@link MappingLimits#maxFuture()} after arrival. */
final class TimeWindow {
  final long receiveNanos;
  final long earliestNanos;
  final long latestNanos;

  TimeWindow(MappingLimits limits, long receiveNanos) {
    this.receiveNanos = receiveNanos;
    this.earliestNanos = saturatedSubtract(receiveNanos, limits.maxPast().toNanos());
    this.latestNanos = saturatedSubtract(receiveNanos, -limits.maxFuture().toNanos());
  }

  boolean tooOld(long nanos) {
    return nanos < earliestNanos;
  }

  boolean tooNew(long nanos) {
    return nanos > latestNanos;
  }

  /** RFC 3339 text of a Unix nanosecond time. */
  static String format(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
  }

  private static long saturatedSubtract(long a, long b) {
    long difference = a - b;
    if (((a ^ b) & (a ^ difference)) < 0) {
      return b > 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return difference;
  }
}
