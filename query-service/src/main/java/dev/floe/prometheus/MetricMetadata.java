package dev.floe.prometheus;

/**
 * What {@code /api/v1/metadata} reports about a metric family.
 *
 * @param family the metric family name: the series name of gauges, counters (with {@code _total}) and
 *     native histograms, the name before {@code _bucket}, {@code _sum} and {@code _count} otherwise
 * @param help the OTLP description, empty when none
 * @param unit the Prometheus unit, see {@link MetricNames#unit}
 */
public record MetricMetadata(String family, FamilyType type, String help, String unit) {}
