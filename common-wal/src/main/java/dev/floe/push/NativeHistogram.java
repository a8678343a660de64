package dev.floe.push;

import java.util.ArrayList;
import java.util.List;

/**
 * A Prometheus native histogram as remote write 1.0 sends it: sparse buckets as spans and deltas.
 * Mutable while decoding, read-only after.
 */
final class NativeHistogram {
  /** Prometheus's schema for histograms with custom bucket bounds, which OTLP's layout cannot hold. */
  static final int CUSTOM_BUCKETS_SCHEMA = -53;
  /** Most buckets a side may span once its gaps are filled; bounds the memory a crafted span costs. */
  static final int MAX_DENSE_BUCKETS = 1 << 16;

  /** Integer count, or null when the histogram is a float histogram. */
  Long countInt;
  boolean floatCounts;
  double sum;
  int schema;
  double zeroThreshold;
  long zeroCountInt;
  final Buckets negative = new Buckets();
  final Buckets positive = new Buckets();
  int resetHint;
  long timestampMillis;
  boolean customValues;

  /** One side of the buckets: spans of consecutive bucket indexes and the delta-encoded counts. */
  static final class Buckets {
    final List<int[]> spans = new ArrayList<>();
    final List<Long> deltas = new ArrayList<>();
    boolean floatCounts;

    /**
     * The counts as a dense run starting at Prometheus bucket index {@code firstIndex()}, with the
     * gaps between spans filled with zeros.
     *
     * @throws IllegalArgumentException if spans and deltas disagree or a count goes negative
     */
    Dense dense() {
      List<Long> counts = new ArrayList<>();
      int first = 0;
      int delta = 0;
      long count = 0;
      for (int s = 0; s < spans.size(); s++) {
        int offset = spans.get(s)[0];
        int length = spans.get(s)[1];
        if (length < 0) {
          throw new IllegalArgumentException("span " + s + " has a length over 2^31");
        }
        if (s == 0) {
          first = offset;
        } else {
          if (offset < 0) {
            throw new IllegalArgumentException("span " + s + " has a negative offset " + offset);
          }
          if ((long) counts.size() + offset + length > MAX_DENSE_BUCKETS) {
            throw new IllegalArgumentException("buckets span more than " + MAX_DENSE_BUCKETS + " indexes");
          }
          for (int gap = 0; gap < offset; gap++) {
            counts.add(0L);
          }
        }
        for (int i = 0; i < length; i++) {
          if (delta >= deltas.size()) {
            throw new IllegalArgumentException("spans cover more buckets than the " + deltas.size() + " deltas sent");
          }
          count += deltas.get(delta++);
          if (count < 0) {
            throw new IllegalArgumentException("bucket count " + count + " is negative");
          }
          counts.add(count);
        }
      }
      if (delta != deltas.size()) {
        throw new IllegalArgumentException(deltas.size() + " deltas sent for " + delta + " buckets in spans");
      }
      return new Dense(first, counts);
    }
  }

  /**
   * Bucket counts from one index on.
   *
   * @param firstIndex the Prometheus index of the first count; Prometheus bucket i is (base^(i-1),
   *     base^i], OTLP's is (base^i, base^(i+1)], so OTLP's offset is one less
   */
  record Dense(int firstIndex, List<Long> counts) {
    int otlpOffset() {
      return counts.isEmpty() ? 0 : firstIndex - 1;
    }
  }
}
