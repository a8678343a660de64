package dev.floe.prometheus;

import dev.floe.lang.Labels;
import java.util.Objects;

/**
 * What the Prometheus form of a stored series depends on: its {@code series_labels} and the metric's
 * type, unit, monotonicity and temporality. Equal identities translate to equal series, so callers
 * may cache {@link PrometheusTranslator#translate} by identity.
 *
 * @param seriesLabels the parsed {@code series_labels}
 * @param unit the OTLP unit, empty when none
 * @param monotonic whether a sum is monotonic; false for every other type
 */
public record SeriesIdentity(
    Labels seriesLabels, MetricType type, String unit, boolean monotonic, Temporality temporality) {

  public SeriesIdentity {
    Objects.requireNonNull(seriesLabels, "seriesLabels");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(temporality, "temporality");
    unit = unit == null ? "" : unit;
  }

  /**
   * The identity of a stored row, from its column values as read (nullable where the column is).
   */
  public static SeriesIdentity ofColumns(
      String seriesLabels, String metricType, String unit, Boolean isMonotonic, Integer temporality) {
    return new SeriesIdentity(
        Labels.parse(seriesLabels),
        MetricType.of(metricType),
        unit,
        Boolean.TRUE.equals(isMonotonic),
        Temporality.of(temporality));
  }
}
