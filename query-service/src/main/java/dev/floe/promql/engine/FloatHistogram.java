package dev.floe.promql.engine;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An immutable native histogram with float counts, like Prometheus's {@code FloatHistogram}. Buckets are
 * kept sparse, by index: for exponential schemas (-4 to 8) positive bucket {@code i} covers
 * {@code (base^(i-1), base^i]} with {@code base = 2^(2^-schema)}, negative buckets mirror it; for the
 * custom-bucket schema {@value #CUSTOM_BUCKETS_SCHEMA} positive bucket {@code i} ends at
 * {@code customValues[i]} (the last at +Inf) and there are no negative or zero buckets.
 */
public final class FloatHistogram {
  public static final int CUSTOM_BUCKETS_SCHEMA = -53;

  /** Whether a histogram starts a new counter, as the producer knew it. */
  public enum CounterResetHint {
    UNKNOWN,
    COUNTER_RESET,
    NOT_COUNTER_RESET,
    GAUGE
  }

  private final int schema;
  private final double zeroThreshold;
  private final double zeroCount;
  private final double count;
  private final double sum;
  private final NavigableMap<Integer, Double> positive;
  private final NavigableMap<Integer, Double> negative;
  private final double[] customValues;
  private final CounterResetHint hint;

  public FloatHistogram(int schema, double zeroThreshold, double zeroCount, double count, double sum,
      Map<Integer, Double> positive, Map<Integer, Double> negative, double[] customValues, CounterResetHint hint) {
    this.schema = schema;
    this.zeroThreshold = zeroThreshold;
    this.zeroCount = zeroCount;
    this.count = count;
    this.sum = sum;
    this.positive = Collections.unmodifiableNavigableMap(new TreeMap<>(positive));
    this.negative = Collections.unmodifiableNavigableMap(new TreeMap<>(negative));
    this.customValues = customValues == null ? new double[0] : customValues.clone();
    this.hint = hint;
  }

  public int schema() {
    return schema;
  }

  public double zeroThreshold() {
    return zeroThreshold;
  }

  public double zeroCount() {
    return zeroCount;
  }

  public double count() {
    return count;
  }

  public double sum() {
    return sum;
  }

  /** Positive bucket counts by index. */
  public NavigableMap<Integer, Double> positive() {
    return positive;
  }

  /** Negative bucket counts by index. */
  public NavigableMap<Integer, Double> negative() {
    return negative;
  }

  public double[] customValues() {
    return customValues.clone();
  }

  public CounterResetHint hint() {
    return hint;
  }

  public boolean usesCustomBuckets() {
    return schema == CUSTOM_BUCKETS_SCHEMA;
  }

  public FloatHistogram withHint(CounterResetHint newHint) {
    return new FloatHistogram(schema, zeroThreshold, zeroCount, count, sum, positive, negative, customValues, newHint);
  }

  public FloatHistogram withSum(double newSum) {
    return new FloatHistogram(schema, zeroThreshold, zeroCount, count, newSum, positive, negative, customValues, hint);
  }

  /** Every count and the sum multiplied by {@code factor}. */
  public FloatHistogram scale(double factor) {
    return new FloatHistogram(schema, zeroThreshold, zeroCount * factor, count * factor, sum * factor,
        scaled(positive, factor), scaled(negative, factor), customValues, hint);
  }

  /** The lower bound of a bucket; custom bucket 0 starts at -Inf. */
  public double lowerBound(int index, boolean negativeSide) {
    if (usesCustomBuckets()) {
      return index == 0 ? Double.NEGATIVE_INFINITY : customValues[index - 1];
    }
    return negativeSide ? -upper(index) : upper(index - 1);
  }

  public double upperBound(int index, boolean negativeSide) {
    if (usesCustomBuckets()) {
      return index < customValues.length ? customValues[index] : Double.POSITIVE_INFINITY;
    }
    return negativeSide ? -upper(index - 1) : upper(index);
  }

  private double upper(int index) {
    return Math.pow(2, index * Math.pow(2, -schema));
  }

  /** Whether both histograms have the same bucket layout kind and, for custom buckets, the same bounds. */
  public boolean compatibleBounds(FloatHistogram other) {
    return usesCustomBuckets() == other.usesCustomBuckets()
        && (!usesCustomBuckets() || Arrays.equals(customValues, other.customValues));
  }

  /** This histogram at a lower resolution (a smaller exponential schema). */
  public FloatHistogram reduceTo(int targetSchema) {
    if (usesCustomBuckets() || targetSchema >= schema) {
      return this;
    }
    int delta = schema - targetSchema;
    return new FloatHistogram(targetSchema, zeroThreshold, zeroCount, count, sum, reduced(positive, delta),
        reduced(negative, delta), null, hint);
  }

  /** This histogram with custom buckets merged onto {@code bounds}, a subset of its bounds. */
  public FloatHistogram withCustomBounds(double[] bounds) {
    TreeMap<Integer, Double> merged = new TreeMap<>();
    for (Map.Entry<Integer, Double> bucket : positive.entrySet()) {
      double upper = upperBound(bucket.getKey(), false);
      int target = 0;
      while (target < bounds.length && bounds[target] < upper) {
        target++;
      }
      merged.merge(target, bucket.getValue(), Double::sum);
    }
    return new FloatHistogram(schema, 0, 0, count, sum, merged, Map.of(), bounds, hint);
  }

  /** This histogram with a wider zero bucket absorbing the buckets that end within it. */
  public FloatHistogram withZeroThreshold(double threshold) {
    if (usesCustomBuckets() || threshold <= zeroThreshold) {
      return this;
    }
    double newZero = zeroCount;
    double newThreshold = threshold;
    TreeMap<Integer, Double> pos = new TreeMap<>(positive);
    TreeMap<Integer, Double> neg = new TreeMap<>(negative);
    for (TreeMap<Integer, Double> side : java.util.List.of(pos, neg)) {
      var it = side.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Integer, Double> bucket = it.next();
        double lower = upper(bucket.getKey() - 1);
        if (lower >= threshold) {
          break;
        }
        // A bucket straddling the threshold widens the zero bucket to its upper bound.
        newThreshold = Math.max(newThreshold, upper(bucket.getKey()));
        newZero += bucket.getValue();
        it.remove();
      }
    }
    return new FloatHistogram(schema, newThreshold, newZero, count, sum, pos, neg, null, hint);
  }

  /**
   * The bucket-wise sum or difference; both histograms are first brought to a common schema, zero
   * threshold and custom bounds. Returns the result and whether custom bounds had to be reconciled.
   */
  public Combined combine(FloatHistogram other, boolean subtract) {
    FloatHistogram a = this;
    FloatHistogram b = other;
    boolean reconciled = false;
    if (a.usesCustomBuckets() && !Arrays.equals(a.customValues, b.customValues)) {
      double[] otherBounds = b.customValues;
      double[] common = Arrays.stream(a.customValues)
          .filter(v -> Arrays.binarySearch(otherBounds, v) >= 0).toArray();
      a = a.withCustomBounds(common);
      b = b.withCustomBounds(common);
      reconciled = true;
    } else if (!a.usesCustomBuckets()) {
      int target = Math.min(a.schema, b.schema);
      a = a.reduceTo(target);
      b = b.reduceTo(target);
      double threshold = Math.max(a.zeroThreshold, b.zeroThreshold);
      a = a.withZeroThreshold(threshold);
      b = b.withZeroThreshold(threshold);
      threshold = Math.max(a.zeroThreshold, b.zeroThreshold);
      a = a.withZeroThreshold(threshold);
      b = b.withZeroThreshold(threshold);
    }
    double sign = subtract ? -1 : 1;
    TreeMap<Integer, Double> pos = new TreeMap<>(a.positive);
    b.positive.forEach((k, v) -> pos.merge(k, sign * v, Double::sum));
    TreeMap<Integer, Double> neg = new TreeMap<>(a.negative);
    b.negative.forEach((k, v) -> neg.merge(k, sign * v, Double::sum));
    FloatHistogram result = new FloatHistogram(a.schema, a.zeroThreshold, a.zeroCount + sign * b.zeroCount,
        a.count + sign * b.count, a.sum + sign * b.sum, pos, neg, a.customValues, a.hint);
    return new Combined(result, reconciled);
  }

  /** The result of {@link #combine}. */
  public record Combined(FloatHistogram histogram, boolean reconciledCustomBuckets) {}

  /** Whether going from {@code previous} to this histogram means the counter was reset. */
  public boolean isResetAfter(FloatHistogram previous) {
    if (hint == CounterResetHint.COUNTER_RESET) {
      return true;
    }
    if (hint == CounterResetHint.NOT_COUNTER_RESET) {
      return false;
    }
    if (count < previous.count || zeroCount < previous.zeroCount && zeroThreshold == previous.zeroThreshold) {
      return true;
    }
    if (usesCustomBuckets() != previous.usesCustomBuckets()) {
      return true;
    }
    if (usesCustomBuckets()) {
      // Different custom bounds are compared on the bounds both share.
      FloatHistogram.Combined reconciled = combine(previous, true);
      return reconciled.histogram().positive().values().stream().anyMatch(v -> v < 0);
    }
    if (schema > previous.schema || zeroThreshold < previous.zeroThreshold) {
      return true;
    }
    FloatHistogram prev = previous.reduceTo(schema).withZeroThreshold(zeroThreshold);
    return decreased(prev.positive, positive) || decreased(prev.negative, negative)
        || prev.zeroCount > zeroCount;
  }

  private static boolean decreased(NavigableMap<Integer, Double> before, NavigableMap<Integer, Double> after) {
    for (Map.Entry<Integer, Double> bucket : before.entrySet()) {
      if (bucket.getValue() > after.getOrDefault(bucket.getKey(), 0.0)) {
        return true;
      }
    }
    return false;
  }

  /** Equal layouts and values within a relative tolerance; zero buckets count as absent. */
  public boolean approximatelyEquals(FloatHistogram other, double epsilon) {
    if (schema != other.schema || !Arrays.equals(customValues, other.customValues)
        || !close(zeroThreshold, other.zeroThreshold, epsilon) || !close(zeroCount, other.zeroCount, epsilon)
        || !close(count, other.count, epsilon) || !close(sum, other.sum, epsilon)) {
      return false;
    }
    return sameBuckets(positive, other.positive, epsilon) && sameBuckets(negative, other.negative, epsilon);
  }

  private static boolean sameBuckets(Map<Integer, Double> a, Map<Integer, Double> b, double epsilon) {
    TreeMap<Integer, Double> all = new TreeMap<>(a);
    b.forEach(all::putIfAbsent);
    for (Integer key : all.keySet()) {
      if (!close(a.getOrDefault(key, 0.0), b.getOrDefault(key, 0.0), epsilon)) {
        return false;
      }
    }
    return true;
  }

  static boolean close(double a, double b, double epsilon) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (a == b) {
      return true;
    }
    double diff = Math.abs(a - b);
    return diff <= epsilon * Math.max(Math.abs(a), Math.abs(b)) || diff < 1e-100;
  }

  private static Map<Integer, Double> scaled(Map<Integer, Double> buckets, double factor) {
    TreeMap<Integer, Double> out = new TreeMap<>();
    buckets.forEach((k, v) -> out.put(k, v * factor));
    return out;
  }

  private static Map<Integer, Double> reduced(Map<Integer, Double> buckets, int delta) {
    TreeMap<Integer, Double> out = new TreeMap<>();
    buckets.forEach((k, v) -> out.merge(((k - 1) >> delta) + 1, v, Double::sum));
    return out;
  }

  /**
   * Prometheus's text form, as {@code count_values} prints histograms:
   * {@code {count:20, sum:10, [-2,-1):2, [-0.001,0.001]:2, (0.5,1]:1}}.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{count:").append(Format.goG(count)).append(", sum:").append(Format.goG(sum));
    for (Map.Entry<Integer, Double> b : negative.descendingMap().entrySet()) {
      if (b.getValue() != 0) {
        out.append(", [").append(Format.goG(lowerBound(b.getKey(), true))).append(',')
            .append(Format.goG(upperBound(b.getKey(), true))).append("):").append(Format.goG(b.getValue()));
      }
    }
    if (zeroCount != 0) {
      out.append(", [").append(Format.goG(-zeroThreshold)).append(',').append(Format.goG(zeroThreshold))
          .append("]:").append(Format.goG(zeroCount));
    }
    for (Map.Entry<Integer, Double> b : positive.entrySet()) {
      if (b.getValue() != 0) {
        out.append(", (").append(Format.goG(lowerBound(b.getKey(), false))).append(',')
            .append(Format.goG(upperBound(b.getKey(), false))).append("]:").append(Format.goG(b.getValue()));
      }
    }
    return out.append('}').toString();
  }

}
