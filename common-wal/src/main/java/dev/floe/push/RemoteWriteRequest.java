package dev.floe.push;

import java.util.List;

/**
 * A decoded Prometheus remote write 1.0 {@code WriteRequest}.
 *
 * @param series the time series in the order sent
 * @param metadata the metric metadata sent with them
 */
record RemoteWriteRequest(List<Series> series, List<Metadata> metadata) {

  /**
   * One {@code TimeSeries}.
   *
   * @param labels names and values alternating, as sent
   * @param exemplars how many exemplars it carried (they are not stored)
   */
  record Series(List<String> labels, List<Sample> samples, int exemplars, List<NativeHistogram> histograms) {}

  /** A float sample: the value and its Unix time in milliseconds. */
  record Sample(double value, long timestampMillis) {}

  /**
   * One {@code MetricMetadata}.
   *
   * @param type the {@code MetricType} enum number
   */
  record Metadata(int type, String familyName, String help, String unit) {}
}
