/**
 * OTLP metrics as Prometheus series, translated at query time as Prometheus 3's OTLP receiver would
 * have stored them. {@link dev.floe.prometheus.PrometheusTranslator} maps a stored series ({@link
 * dev.floe.prometheus.SeriesIdentity}) to its Prometheus series and metadata, and a stored point ({@link
 * dev.floe.prometheus.MetricPoint}) to samples and exemplars; {@link
 * dev.floe.prometheus.DeltaToCumulative} first makes delta points cumulative, and {@link
 * dev.floe.prometheus.TargetInfoSamples} makes the {@code target_info} series. Pure functions over
 * plain values; storage access is elsewhere.
 */
package dev.floe.prometheus;
