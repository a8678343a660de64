package dev.floe.prometheus;

/**
 * A Prometheus native histogram with exponential buckets, in a dense layout: {@code
 * positiveBuckets[i]} counts observations in {@code (base^(k-1), base^k]} for bucket index {@code k =
 * positiveOffset + i}, where {@code base = 2^(2^-schema)}; negative buckets alike for magnitudes of
 * negative observations. Counts are absolute, not deltas; arrays may hold zero buckets. A stale marker
 * has {@link PrometheusTranslator#STALE_NAN} as count and sum.
 *
 * @param schema from -4 to 8
 */
public record NativeHistogram(
    int schema,
    double zeroThreshold,
    double zeroCount,
    double count,
    double sum,
    int positiveOffset,
    double[] positiveBuckets,
    int negativeOffset,
    double[] negativeBuckets) {

  public NativeHistogram {
    positiveBuckets = positiveBuckets.clone();
    negativeBuckets = negativeBuckets.clone();
  }

  @Override
  public double[] positiveBuckets() {
    return positiveBuckets.clone();
  }

  @Override
  public double[] negativeBuckets() {
    return negativeBuckets.clone();
  }

  /** Whether this is a stale marker, ending its series. */
  public boolean isStale() {
    return PrometheusTranslator.isStale(sum);
  }
}
