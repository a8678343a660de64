package dev.floe.promql.engine;

import dev.floe.promql.RangeExtension;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus's experimental {@code anchored} and {@code smoothed} selectors: a range gets points at
 * both of its boundaries, taken from the sample before the boundary (anchored) or interpolated
 * between the samples around it (smoothed), so that functions need no extrapolation.
 */
final class ExtendedRanges {
  private ExtendedRanges() {}

  /** The samples of {@code (start, end]} with boundary points added; empty when the series has none near. */
  static List<Sample> extend(RangeExtension extension, List<Sample> all, List<Sample> inRange, long start, long end,
      long lookbackMs) {
    Sample before = lastBefore(all, start, lookbackMs);
    Sample last = inRange.isEmpty() ? before : inRange.get(inRange.size() - 1);
    if (last == null || extension == RangeExtension.ANCHORED && inRange.isEmpty()) {
      // An anchored range still needs a sample of its own.
      return List.of();
    }
    Sample first = inRange.isEmpty() ? null : inRange.get(0);
    Sample atStart;
    Sample atEnd;
    if (extension == RangeExtension.SMOOTHED) {
      Sample next = first != null ? first : firstAfter(all, end, lookbackMs);
      atStart = interpolate(before, next, start);
      atEnd = interpolate(last, firstAfter(all, end, lookbackMs), end);
    } else {
      atStart = before != null ? before : first;
      atEnd = last;
    }
    List<Sample> out = new ArrayList<>();
    if (atStart != null) {
      out.add(new Sample(start, atStart.value(), atStart.histogram()));
    }
    out.addAll(inRange);
    if (inRange.isEmpty() || last.timestampMs() != end) {
      out.add(new Sample(end, atEnd.value(), atEnd.histogram()));
    }
    return out;
  }

  /** The value of a smoothed instant selector at {@code t}, or {@code null}. */
  static Sample at(List<Sample> all, long t, long lookbackMs) {
    Sample before = lastBefore(all, t, lookbackMs);
    return before == null ? null : interpolate(before, firstAfter(all, t, lookbackMs), t);
  }

  /** The value at {@code t} on the line between two samples; the one present when the other is missing. */
  private static Sample interpolate(Sample left, Sample right, long t) {
    if (left == null || right == null || left.isHistogram() != right.isHistogram()
        || right.timestampMs() == left.timestampMs()) {
      return left != null ? left : right;
    }
    double fraction = (double) (t - left.timestampMs()) / (right.timestampMs() - left.timestampMs());
    if (!left.isHistogram()) {
      return Sample.of(t, left.value() + (right.value() - left.value()) * fraction);
    }
    FloatHistogram from = left.histogram();
    FloatHistogram to = right.histogram();
    if (from.usesCustomBuckets() != to.usesCustomBuckets() || to.isResetAfter(from)) {
      return left;
    }
    FloatHistogram step = to.combine(from, true).histogram().scale(fraction);
    return Sample.of(t, from.combine(step, false).histogram().withHint(from.hint()));
  }

  private static Sample lastBefore(List<Sample> all, long time, long lookbackMs) {
    int index = Evaluator.lastAtOrBefore(all, time);
    if (index < 0) {
      return null;
    }
    Sample sample = all.get(index);
    return sample.isStale() || sample.timestampMs() <= time - lookbackMs ? null : sample;
  }

  private static Sample firstAfter(List<Sample> all, long time, long lookbackMs) {
    int index = Evaluator.lastAtOrBefore(all, time) + 1;
    if (index >= all.size()) {
      return null;
    }
    Sample sample = all.get(index);
    return sample.isStale() || sample.timestampMs() >= time + lookbackMs ? null : sample;
  }
}
