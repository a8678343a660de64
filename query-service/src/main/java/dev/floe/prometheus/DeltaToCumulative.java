package dev.floe.prometheus;

import dev.floe.prometheus.PointValue.ExponentialHistogram;
import dev.floe.prometheus.PointValue.Histogram;
import java.util.Arrays;
import java.util.Optional;

/**
 * Turns the delta points of one series into cumulative ones by a running sum over the points read, in
 * time order, as OpenTelemetry's deltatocumulative processor does; Prometheus rejects delta points
 * unless told to convert them so. Cumulative points (and gauges and summaries) pass unchanged.
 *
 * <p>The running sum starts at the first point read, so a counter made of deltas counts from the
 * start of the range read: rates and increases are right, absolute values are not. A point not later
 * than the previous one, or starting before it, is a duplicate or out of order and is dropped. A
 * histogram whose bucket bounds or zero threshold change starts a new sum, which PromQL sees as a
 * counter reset; exponential histograms of different scales are summed at the smaller scale. A point
 * flagged "no recorded value" passes unchanged, to become stale markers, and leaves the sum as it was.
 *
 * <p>Holds the state of one series; not thread-safe.
 */
public final class DeltaToCumulative {
  private MetricPoint last;

  /** The cumulative form of {@code point}, or empty when it is dropped. */
  public Optional<MetricPoint> accept(MetricPoint point) {
    if (point.series().temporality() != Temporality.DELTA) {
      return Optional.of(point);
    }
    if (last != null
        && (point.timeNanos() <= last.timeNanos()
            || (point.startNanos() != 0 && point.startNanos() < last.timeNanos()))) {
      return Optional.empty();
    }
    if (point.noRecordedValue()) {
      return Optional.of(point);
    }
    if (last == null) {
      last = point;
    } else {
      PointValue total = sum(last.value(), point.value());
      // A new sum starts where its first delta does.
      last = point.withValue(total == point.value() ? point.startNanos() : last.startNanos(), total);
    }
    return Optional.of(last);
  }

  /** The running sum plus a delta, or the delta alone when the two cannot be added. */
  private static PointValue sum(PointValue total, PointValue delta) {
    if (total instanceof PointValue.Number a && delta instanceof PointValue.Number b) {
      return new PointValue.Number(a.value() + b.value());
    }
    if (total instanceof Histogram a && delta instanceof Histogram b) {
      return sum(a, b);
    }
    if (total instanceof ExponentialHistogram a && delta instanceof ExponentialHistogram b) {
      return sum(a, b);
    }
    return delta;
  }

  private static Histogram sum(Histogram total, Histogram delta) {
    long[] totalCounts = total.bucketCounts();
    long[] deltaCounts = delta.bucketCounts();
    if (!Arrays.equals(total.bounds(), delta.bounds()) || totalCounts.length != deltaCounts.length) {
      return delta;
    }
    for (int i = 0; i < totalCounts.length; i++) {
      totalCounts[i] += deltaCounts[i];
    }
    return new Histogram(
        total.count() + delta.count(), plus(total.sum(), delta.sum()), delta.bounds(), totalCounts);
  }

  private static ExponentialHistogram sum(ExponentialHistogram total, ExponentialHistogram delta) {
    if (total.zeroThreshold() != delta.zeroThreshold()) {
      return delta;
    }
    int scale = Math.min(total.scale(), delta.scale());
    DenseBuckets positive = DenseBuckets.of(total.positiveOffset(), total.positiveCounts(), total.scale() - scale)
        .plus(DenseBuckets.of(delta.positiveOffset(), delta.positiveCounts(), delta.scale() - scale));
    DenseBuckets negative = DenseBuckets.of(total.negativeOffset(), total.negativeCounts(), total.scale() - scale)
        .plus(DenseBuckets.of(delta.negativeOffset(), delta.negativeCounts(), delta.scale() - scale));
    return new ExponentialHistogram(
        total.count() + delta.count(),
        plus(total.sum(), delta.sum()),
        scale,
        total.zeroCount() + delta.zeroCount(),
        delta.zeroThreshold(),
        positive.offset(),
        positive.counts(),
        negative.offset(),
        negative.counts());
  }

  /** A sum stays known only while every point has one. */
  private static Double plus(Double total, Double delta) {
    return total == null || delta == null ? null : total + delta;
  }
}
