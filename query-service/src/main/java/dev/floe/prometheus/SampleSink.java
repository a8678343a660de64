package dev.floe.prometheus;

import dev.floe.lang.Labels;

/** Receives the Prometheus samples that {@link PrometheusTranslator#emit} makes of a metric point. */
public interface SampleSink {
  /** A float sample; {@code value} may be {@link PrometheusTranslator#STALE_NAN}, a stale marker. */
  void sample(Labels labels, long timestampMillis, double value);

  /** A native histogram sample. */
  void histogram(Labels labels, long timestampMillis, NativeHistogram histogram);

  /** A point Prometheus cannot represent, which makes no sample; {@code reason} says why. */
  void dropped(MetricPoint point, String reason);
}
