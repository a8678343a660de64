package dev.floe.promql.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Statistics of a native histogram: quantile, fraction and variance, estimated from its buckets. */
final class NativeHistograms {
  private NativeHistograms() {}

  /** A bucket with its bounds; {@code zero} marks the zero bucket. */
  record Bucket(double lower, double upper, double count, boolean zero) {}

  /** All buckets in ascending order of their bounds. */
  static List<Bucket> buckets(FloatHistogram h) {
    List<Bucket> out = new ArrayList<>();
    for (Map.Entry<Integer, Double> b : h.negative().descendingMap().entrySet()) {
      out.add(new Bucket(h.lowerBound(b.getKey(), true), h.upperBound(b.getKey(), true), b.getValue(), false));
    }
    if (!h.usesCustomBuckets() && (h.zeroCount() > 0 || h.zeroThreshold() > 0)) {
      out.add(new Bucket(-h.zeroThreshold(), h.zeroThreshold(), h.zeroCount(), true));
    }
    for (Map.Entry<Integer, Double> b : h.positive().entrySet()) {
      out.add(new Bucket(h.lowerBound(b.getKey(), false), h.upperBound(b.getKey(), false), b.getValue(), false));
    }
    return out;
  }

  private static Bucket nextPopulated(List<Bucket> buckets, int after) {
    for (int i = after + 1; i < buckets.size(); i++) {
      if (buckets.get(i).count() > 0) {
        return buckets.get(i);
      }
    }
    return null;
  }

  /** The zero bucket only spans the side that has observations, when only one side does. */
  static Bucket adjustZero(FloatHistogram h, Bucket b) {
    if (!b.zero()) {
      return b;
    }
    if (h.negative().isEmpty() && !h.positive().isEmpty()) {
      return new Bucket(0, b.upper(), b.count(), true);
    }
    if (h.positive().isEmpty() && !h.negative().isEmpty()) {
      return new Bucket(b.lower(), 0, b.count(), true);
    }
    return b;
  }

  static double quantile(double q, FloatHistogram h) {
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (h.count() == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    double rank = q * h.count();
    double nan = nanObservations(h);
    if (nan > 0 && rank > h.count() - nan) {
      // NaN observations sort above all others.
      return Double.NaN;
    }
    double count = 0;
    Bucket bucket = null;
    List<Bucket> buckets = buckets(h);
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      if (b.count() == 0) {
        continue;
      }
      bucket = b;
      count += b.count();
      if (count >= rank) {
        Bucket next = count == rank && rank < h.count() ? nextPopulated(buckets, i) : null;
        if (next != null) {
          // The rank ends exactly where a gap of empty buckets begins: the quantile lies at the gap's end.
          return adjustZero(h, next).lower();
        }
        break;
      }
    }
    if (bucket == null) {
      return Double.NaN;
    }
    bucket = adjustZero(h, bucket);
    double lower = bucket.lower();
    double upper = bucket.upper();
    if (h.usesCustomBuckets()) {
      if (lower == Double.NEGATIVE_INFINITY) {
        if (upper <= 0) {
          return upper;
        }
        lower = 0;
      }
      if (upper == Double.POSITIVE_INFINITY) {
        return lower;
      }
    }
    count = Math.min(count, h.count());
    double fraction = (rank - (count - bucket.count())) / bucket.count();
    if (h.usesCustomBuckets() || lower <= 0 && upper >= 0) {
      return lower + (upper - lower) * fraction;
    }
    double logLower = log2(Math.abs(lower));
    double logUpper = log2(Math.abs(upper));
    if (lower > 0) {
      return Math.pow(2, logLower + (logUpper - logLower) * fraction);
    }
    return -Math.pow(2, logUpper + (logLower - logUpper) * (1 - fraction));
  }

  static double fraction(double lowerLimit, double upperLimit, FloatHistogram h) {
    // As for quantiles, a first custom bucket ending above zero is taken to start at zero.
    List<Bucket> buckets = buckets(h).stream()
        .map(b -> b.lower() == Double.NEGATIVE_INFINITY && b.upper() > 0
            ? new Bucket(0, b.upper(), b.count(), false) : adjustZero(h, b))
        .toList();
    return fraction(lowerLimit, upperLimit, buckets, h.count(), h.count() - nanObservations(h),
        !h.usesCustomBuckets());
  }

  /** The observations counted but in no bucket, which a NaN sum says were NaN. */
  static double nanObservations(FloatHistogram h) {
    if (!Double.isNaN(h.sum())) {
      return 0;
    }
    double inBuckets = h.zeroCount();
    for (double c : h.positive().values()) {
      inBuckets += c;
    }
    for (double c : h.negative().values()) {
      inBuckets += c;
    }
    return Math.max(0, h.count() - inBuckets);
  }

  /**
   * The share of {@code total} observations between the limits, interpolating within the buckets the
   * limits fall into: linearly, or exponentially for the exponential buckets of a native histogram.
   */
  static double fraction(double lowerLimit, double upperLimit, List<Bucket> buckets, double total,
      double observed, boolean exponential) {
    if (total == 0 || Double.isNaN(lowerLimit) || Double.isNaN(upperLimit)) {
      return Double.NaN;
    }
    if (lowerLimit >= upperLimit) {
      return 0;
    }
    double rank = 0;
    double lowerRank = 0;
    double upperRank = 0;
    boolean lowerSet = false;
    boolean upperSet = false;
    for (Bucket b : buckets) {
      if (!lowerSet && b.lower() >= lowerLimit) {
        lowerRank = rank;
        lowerSet = true;
      }
      if (!upperSet && b.lower() >= upperLimit) {
        upperRank = rank;
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      if (!lowerSet && b.lower() < lowerLimit && b.upper() > lowerLimit) {
        lowerRank = rank + b.count() * below(b, lowerLimit, exponential && !b.zero());
        lowerSet = true;
      }
      if (!upperSet && b.lower() < upperLimit && b.upper() > upperLimit) {
        upperRank = rank + b.count() * below(b, upperLimit, exponential && !b.zero());
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      rank += b.count();
    }
    if (!lowerSet || lowerRank > observed) {
      lowerRank = observed;
    }
    if (!upperSet || upperRank > observed) {
      upperRank = observed;
    }
    return (upperRank - lowerRank) / total;
  }

  /**
   * The share of a bucket's observations below {@code v}, which lies within the bucket. The
   * observations of a bucket unbounded on one side sit at its infinite end.
   */
  static double below(Bucket b, double v, boolean exponential) {
    double lower = b.lower();
    double upper = b.upper();
    if (lower == Double.NEGATIVE_INFINITY) {
      return 1;
    }
    if (upper == Double.POSITIVE_INFINITY) {
      return 0;
    }
    if (!exponential) {
      return (v - lower) / (upper - lower);
    }
    if (lower > 0) {
      return (log2(v) - log2(lower)) / (log2(upper) - log2(lower));
    }
    return (log2(-lower) - log2(-v)) / (log2(-lower) - log2(-upper));
  }

  static double variance(FloatHistogram h) {
    if (h.count() == 0) {
      return Double.NaN;
    }
    double mean = h.sum() / h.count();
    KahanSum variance = new KahanSum();
    for (Bucket b : buckets(h)) {
      if (b.count() == 0) {
        continue;
      }
      double value;
      if (h.usesCustomBuckets()) {
        value = b.lower() == Double.NEGATIVE_INFINITY ? b.upper()
            : b.upper() == Double.POSITIVE_INFINITY ? b.lower() : (b.upper() + b.lower()) / 2;
      } else if (b.lower() <= 0 && b.upper() >= 0) {
        value = 0;
      } else {
        value = Math.sqrt(b.upper() * b.lower());
        if (b.upper() < 0) {
          value = -value;
        }
      }
      double delta = value - mean;
      variance.add(b.count() * delta * delta);
    }
    return variance.value() / h.count();
  }

  /** Go's {@code math.Log2}, exact for powers of two. */
  static double log2(double x) {
    if (x > 0 && !Double.isInfinite(x) && x >= Double.MIN_NORMAL) {
      int exponent = Math.getExponent(x);
      double fraction = x / Math.scalb(1.0, exponent);
      if (fraction == 1) {
        return exponent;
      }
    }
    return Math.log(x) / Math.log(2);
  }
}
