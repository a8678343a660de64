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

  /** Prometheus's zero bucket width for exponential histograms that set none. */
  static final double DEFAULT_ZERO_THRESHOLD = 1e-128;
  static final int MIN_SCHEMA = -4;
  static final int MAX_SCHEMA = 8;

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

  /**
   * The native histogram of an exponential one: schema is the scale, buckets merged down to schema 8
   * when the scale is above; bucket indexes shift by one, since OTLP indexes buckets by their lower
   * bound and Prometheus by their upper bound.
   */
  static NativeHistogram of(PointValue.ExponentialHistogram histogram, boolean stale) {
    int schema = Math.min(histogram.scale(), MAX_SCHEMA);
    int scaleDown = histogram.scale() - schema;
    DenseBuckets positive = DenseBuckets.of(histogram.positiveOffset(), histogram.positiveCounts(), scaleDown);
    DenseBuckets negative = DenseBuckets.of(histogram.negativeOffset(), histogram.negativeCounts(), scaleDown);
    double sum = histogram.sum() == null ? 0 : histogram.sum();
    return new NativeHistogram(
        schema,
        // The specification's rule; Prometheus itself always uses the default, for now.
        histogram.zeroThreshold() > 0 ? histogram.zeroThreshold() : DEFAULT_ZERO_THRESHOLD,
        histogram.zeroCount(),
        stale ? PrometheusTranslator.STALE_NAN : histogram.count(),
        stale ? PrometheusTranslator.STALE_NAN : sum,
        positive.offset() + 1,
        positive.asDoubles(),
        negative.offset() + 1,
        negative.asDoubles());
  }

  /** Whether this is a stale marker, ending its series. */
  public boolean isStale() {
    return PrometheusTranslator.isStale(sum);
  }
}
