package dev.floe.prometheus;

/**
 * Counts of consecutive exponential histogram buckets of one side, {@code counts[i]} being bucket
 * {@code offset + i} in OTLP's indexing.
 */
record DenseBuckets(int offset, long[] counts) {
  private static final DenseBuckets EMPTY = new DenseBuckets(0, new long[0]);

  /**
   * Buckets lowered by {@code scaleDown} scales: bucket {@code i} goes to {@code i >> scaleDown}, the
   * bucket of the lower scale that covers it, since each scale step merges pairs of buckets.
   */
  static DenseBuckets of(int offset, long[] counts, int scaleDown) {
    if (counts.length == 0) {
      return EMPTY;
    }
    if (scaleDown == 0) {
      return new DenseBuckets(offset, counts);
    }
    int first = offset >> scaleDown;
    int last = (offset + counts.length - 1) >> scaleDown;
    long[] merged = new long[last - first + 1];
    for (int i = 0; i < counts.length; i++) {
      merged[((offset + i) >> scaleDown) - first] += counts[i];
    }
    return new DenseBuckets(first, merged);
  }

  /** The bucket-wise sum of these buckets and {@code other}, of the same scale. */
  DenseBuckets plus(DenseBuckets other) {
    if (other.counts.length == 0) {
      return this;
    }
    if (counts.length == 0) {
      return other;
    }
    int first = Math.min(offset, other.offset);
    int end = Math.max(offset + counts.length, other.offset + other.counts.length);
    long[] sum = new long[end - first];
    for (int i = 0; i < counts.length; i++) {
      sum[offset - first + i] += counts[i];
    }
    for (int i = 0; i < other.counts.length; i++) {
      sum[other.offset - first + i] += other.counts[i];
    }
    return new DenseBuckets(first, sum);
  }

  double[] asDoubles() {
    double[] doubles = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      doubles[i] = counts[i];
    }
    return doubles;
  }
}
