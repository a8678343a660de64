package dev.floe.prometheus;

import dev.floe.lang.Labels;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects the samples of {@code target_info} series: value 1 at each millisecond at which a series of
 * the resource has a point. Prometheus writes {@code target_info} samples from the earliest to the
 * latest point of each resource in an OTLP request; SDKs export the points of one collection with one
 * timestamp, so samples at the points' times are what Prometheus stores for them. Not thread-safe.
 */
public final class TargetInfoSamples {
  private final Map<Labels, TreeSet<Long>> times = new TreeMap<>();

  /** Notes a point of {@code series} at {@code timeNanos}; series of resources without target_info are ignored. */
  public void add(TranslatedSeries series, long timeNanos) {
    if (!series.targetInfo().isEmpty()) {
      times.computeIfAbsent(series.targetInfo(), labels -> new TreeSet<>()).add(timeNanos / 1_000_000);
    }
  }

  /** Sends the samples, series by series in label order, each in time order. */
  public void emit(SampleSink sink) {
    times.forEach((labels, millis) -> millis.forEach(time -> sink.sample(labels, time, 1)));
  }
}
