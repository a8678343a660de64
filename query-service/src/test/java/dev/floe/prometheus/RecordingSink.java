package dev.floe.prometheus;

import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps what a translation emits, float samples by their labels' text. */
final class RecordingSink implements SampleSink {
  final Map<String, Double> samples = new LinkedHashMap<>();
  /** Every float sample in order, as {@code labels@millis=value}. */
  final List<String> log = new ArrayList<>();
  final List<Long> timestamps = new ArrayList<>();
  final Map<String, NativeHistogram> histograms = new LinkedHashMap<>();
  final List<String> dropped = new ArrayList<>();

  @Override
  public void sample(Labels labels, long timestampMillis, double value) {
    samples.put(labels.toString(), value);
    log.add(labels + "@" + timestampMillis + "=" + value);
    timestamps.add(timestampMillis);
  }

  @Override
  public void histogram(Labels labels, long timestampMillis, NativeHistogram histogram) {
    histograms.put(labels.toString(), histogram);
    timestamps.add(timestampMillis);
  }

  @Override
  public void dropped(MetricPoint point, String reason) {
    dropped.add(reason);
  }
}
