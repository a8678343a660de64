package dev.floe.promql.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * The experimental trim operators: {@code h </ x} keeps the observations below x, {@code h >/ x}
 * those above. A bucket the cutoff falls into keeps its share by interpolation (exponential within
 * exponential buckets), and the sum is estimated again from the kept buckets' midpoints.
 */
final class HistogramTrim {
  private final FloatHistogram h;
  private final double cutoff;
  private final boolean keepBelow;
  private final KahanSum sum = new KahanSum();
  private double count;
  private boolean changed;

  private HistogramTrim(FloatHistogram h, double cutoff, boolean keepBelow) {
    this.h = h;
    this.cutoff = cutoff;
    this.keepBelow = keepBelow;
  }

  static FloatHistogram trim(FloatHistogram h, double cutoff, boolean keepBelow) {
    return new HistogramTrim(h, cutoff, keepBelow).trimmed();
  }

  private FloatHistogram trimmed() {
    boolean exponential = !h.usesCustomBuckets();
    Map<Integer, Double> positive = side(h.positive(), false, exponential);
    Map<Integer, Double> negative = side(h.negative(), true, exponential);
    double zeroCount = 0;
    if (h.zeroCount() > 0) {
      NativeHistograms.Bucket zero = NativeHistograms.adjustZero(h,
          new NativeHistograms.Bucket(-h.zeroThreshold(), h.zeroThreshold(), h.zeroCount(), true));
      zeroCount = keep(zero, false);
    }
    if (!changed) {
      return h;
    }
    return new FloatHistogram(h.schema(), h.zeroThreshold(), zeroCount, count, sum.value(), positive, negative,
        h.customValues(), h.hint());
  }

  private Map<Integer, Double> side(Map<Integer, Double> buckets, boolean negativeSide, boolean exponential) {
    Map<Integer, Double> out = new TreeMap<>();
    for (Map.Entry<Integer, Double> b : buckets.entrySet()) {
      double lower = h.lowerBound(b.getKey(), negativeSide);
      double upper = h.upperBound(b.getKey(), negativeSide);
      if (lower == Double.NEGATIVE_INFINITY && upper > 0) {
        // As for quantiles, a first custom bucket ending above zero is taken to start at zero.
        lower = 0;
      }
      double kept = keep(new NativeHistograms.Bucket(lower, upper, b.getValue(), false), exponential);
      if (kept != 0) {
        out.put(b.getKey(), kept);
      }
    }
    return out;
  }

  /** The count a bucket keeps; adds its observations to the new count and sum. */
  private double keep(NativeHistograms.Bucket b, boolean exponential) {
    double share;
    double low = b.lower();
    double high = b.upper();
    if (keepBelow ? b.upper() <= cutoff : b.lower() >= cutoff) {
      share = 1;
    } else if (keepBelow ? b.lower() >= cutoff : b.upper() <= cutoff) {
      share = 0;
    } else {
      double below = NativeHistograms.below(b, cutoff, exponential && !b.zero());
      share = keepBelow ? below : 1 - below;
      low = keepBelow ? low : cutoff;
      high = keepBelow ? cutoff : high;
    }
    changed |= share < 1 && b.count() != 0;
    double kept = b.count() * share;
    if (kept != 0) {
      count += kept;
      sum.add(kept * midpoint(low, high, exponential && !b.zero()));
    }
    return kept;
  }

  private static double midpoint(double low, double high, boolean exponential) {
    if (low == Double.NEGATIVE_INFINITY) {
      return high;
    }
    if (high == Double.POSITIVE_INFINITY) {
      return low;
    }
    if (exponential && low * high > 0) {
      return Math.copySign(Math.sqrt(low * high), high);
    }
    return (low + high) / 2;
  }
}
