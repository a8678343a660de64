package dev.floe.bench.promql;

/**
 * The benchmark's 1,000 series over 24 hours at 15 s, defined once so that the OpenMetrics file for
 * Prometheus and the OTLP requests for Floe carry the same samples: 500 counter series {@code x}
 * (Prometheus name {@code x_total}) of 10 jobs x 50 instances, and 50 histograms {@code h} of 10 jobs
 * x 5 instances with 7 explicit bounds, that is 8 {@code h_bucket} series, {@code h_sum} and {@code
 * h_count} each. Values are integers except histogram sums, accumulated in the same order by both
 * writers, so both stores hold the same doubles.
 */
final class PromqlWorkload {
  static final int JOBS = 10;
  static final int COUNTER_INSTANCES = 50;
  static final int HISTOGRAM_INSTANCES = 5;
  static final long STEP_MILLIS = 15_000;
  static final int STEPS = 24 * 60 * 4;
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5};
  private static final double[] OBSERVED = {0.004, 0.008, 0.02, 0.04, 0.08, 0.2, 0.4, 0.9};

  private final long startMillis;

  /** @param startMillis the first sample's time, a multiple of a minute */
  PromqlWorkload(long startMillis) {
    this.startMillis = startMillis;
  }

  long startMillis() {
    return startMillis;
  }

  long timeMillis(int step) {
    return startMillis + step * STEP_MILLIS;
  }

  long endMillis() {
    return timeMillis(STEPS - 1);
  }

  static int counterSeries() {
    return JOBS * COUNTER_INSTANCES;
  }

  static int histogramSeries() {
    return JOBS * HISTOGRAM_INSTANCES;
  }

  /** Prometheus series: counters, plus buckets (bounds and +Inf), sum and count per histogram. */
  static long seriesCount() {
    return counterSeries() + (long) histogramSeries() * (BOUNDS.length + 3);
  }

  static long sampleCount() {
    return seriesCount() * STEPS;
  }

  static String counterJob(int series) {
    return "job-" + series / COUNTER_INSTANCES;
  }

  static String counterInstance(int series) {
    return "instance-" + series % COUNTER_INSTANCES;
  }

  static String histogramJob(int series) {
    return "job-" + series / HISTOGRAM_INSTANCES;
  }

  static String histogramInstance(int series) {
    return "instance-" + series % HISTOGRAM_INSTANCES;
  }

  /** What counter {@code series} grows by at {@code step} (its first sample is this at step 0). */
  static long counterIncrement(int series, int step) {
    return 1 + (series * 31L + step * 17L) % 10;
  }

  /** Observations added to (non-cumulative) bucket {@code bucket} of histogram {@code series} at {@code step}. */
  static long bucketIncrement(int series, int step, int bucket) {
    return (series * 3L + step * 7L + bucket * 11L) % 5;
  }

  /** A histogram's running state: per-bucket counts (not cumulative over buckets), count and sum. */
  static final class HistogramState {
    final long[] buckets = new long[BOUNDS.length + 1];
    long count;
    double sum;

    /** Adds the observations of {@code step}. */
    void advance(int series, int step) {
      for (int b = 0; b < buckets.length; b++) {
        long n = bucketIncrement(series, step, b);
        buckets[b] += n;
        count += n;
        sum += n * OBSERVED[b];
      }
    }
  }
}
