package dev.floe.prometheus;

import java.util.List;

/**
 * The value columns of one stored metric point, by kind. Arrays are copied in and out, so values are
 * immutable; Iceberg's list columns convert with the {@code of} factories.
 */
public sealed interface PointValue {

  /** A gauge or sum point, or a Prometheus sample: {@code value_double}, or {@code value_int} as a double. */
  record Number(double value) implements PointValue {
    /**
     * The value of a row from its two value columns, one of which is null; a point sent without a value
     * has neither and is 0, as Prometheus reads it.
     */
    public static Number of(Double valueDouble, Long valueInt) {
      if (valueDouble != null) {
        return new Number(valueDouble);
      }
      return new Number(valueInt != null ? valueInt : 0);
    }
  }

  /**
   * An explicit-bucket histogram point: {@code bucketCounts[i]} counts values up to {@code bounds[i]}
   * (above the previous bound), and the last bucket those above the last bound.
   *
   * @param sum null when the point has none
   */
  record Histogram(long count, Double sum, double[] bounds, long[] bucketCounts) implements PointValue {
    public Histogram {
      bounds = bounds.clone();
      bucketCounts = bucketCounts.clone();
    }

    public static Histogram of(long count, Double sum, List<Double> bounds, List<Long> bucketCounts) {
      return new Histogram(count, sum, ListColumns.doubles(bounds), ListColumns.longs(bucketCounts));
    }

    @Override
    public double[] bounds() {
      return bounds.clone();
    }

    @Override
    public long[] bucketCounts() {
      return bucketCounts.clone();
    }
  }

  /**
   * An exponential histogram point. Bucket {@code i} of a side counts values whose magnitude is in
   * {@code (base^(offset+i), base^(offset+i+1)]}, where {@code base = 2^(2^-scale)}.
   *
   * @param sum null when the point has none
   * @param zeroThreshold 0 when not set
   */
  record ExponentialHistogram(
      long count,
      Double sum,
      int scale,
      long zeroCount,
      double zeroThreshold,
      int positiveOffset,
      long[] positiveCounts,
      int negativeOffset,
      long[] negativeCounts)
      implements PointValue {
    public ExponentialHistogram {
      positiveCounts = positiveCounts.clone();
      negativeCounts = negativeCounts.clone();
    }

    /** A point from its columns as read; absent bucket columns are empty. */
    public static ExponentialHistogram of(
        long count,
        Double sum,
        int scale,
        Long zeroCount,
        Double zeroThreshold,
        Integer positiveOffset,
        List<Long> positiveCounts,
        Integer negativeOffset,
        List<Long> negativeCounts) {
      return new ExponentialHistogram(
          count,
          sum,
          scale,
          zeroCount == null ? 0 : zeroCount,
          zeroThreshold == null ? 0 : zeroThreshold,
          positiveOffset == null ? 0 : positiveOffset,
          ListColumns.longs(positiveCounts),
          negativeOffset == null ? 0 : negativeOffset,
          ListColumns.longs(negativeCounts));
    }

    @Override
    public long[] positiveCounts() {
      return positiveCounts.clone();
    }

    @Override
    public long[] negativeCounts() {
      return negativeCounts.clone();
    }
  }

  /** A summary point: {@code values[i]} is the value at quantile {@code quantiles[i]}. */
  record Summary(long count, double sum, double[] quantiles, double[] values) implements PointValue {
    public Summary {
      if (quantiles.length != values.length) {
        throw new IllegalArgumentException(
            quantiles.length + " quantiles but " + values.length + " values");
      }
      quantiles = quantiles.clone();
      values = values.clone();
    }

    @Override
    public double[] quantiles() {
      return quantiles.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }
  }
}
