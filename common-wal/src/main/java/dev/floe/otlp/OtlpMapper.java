package dev.floe.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Objects;

/**
 * Turns OTLP export requests into table rows for one tenant. Invalid records are rejected one by
 * one (see {@link MappingLimits}) and counted; the rest of the request is kept. Thread-safe.
 *
 * <p>Every OTLP field is kept. Times are split into microseconds and a nanosecond remainder.
 * Attribute values and bodies that are not strings are stored in text form and tagged in {@code
 * value_types} (see {@link AnyValues}); duplicate attribute keys keep the last value. Empty optional
 * strings (proto3 cannot tell them from absent ones) are stored as null, empty ids as null.
 */
public final class OtlpMapper {
  private final MappingConfig config;
  private final LogsMapper logs;
  private final SpansMapper spans;
  private final MetricsMapper metrics;

  /**
   * @throws IllegalArgumentException if the stream label attributes are invalid (see {@link
   *     StreamLabels#of})
   */
  public OtlpMapper(MappingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.logs = new LogsMapper(config.limits(), StreamLabels.of(config.streamLabelAttributes()));
    this.spans = new SpansMapper(config.limits());
    this.metrics = new MetricsMapper(config.limits());
  }

  public MappingConfig config() {
    return config;
  }

  /**
   * Rows for the logs table, and for the events table for records with an event name.
   *
   * @param receiveTimeUnixNano when the request arrived; the acceptance window is relative to it, and
   *     it stands in for missing log times
   */
  public MappedRows mapLogs(String tenantId, ExportLogsServiceRequest request, long receiveTimeUnixNano) {
    return logs.map(Objects.requireNonNull(tenantId, "tenantId"), request, receiveTimeUnixNano);
  }

  /** Rows for the spans table; see {@link #mapLogs}. */
  public MappedRows mapSpans(String tenantId, ExportTraceServiceRequest request, long receiveTimeUnixNano) {
    return spans.map(Objects.requireNonNull(tenantId, "tenantId"), request, receiveTimeUnixNano);
  }

  /** Rows for the metrics table, one per data point; see {@link #mapLogs}. */
  public MappedRows mapMetrics(String tenantId, ExportMetricsServiceRequest request, long receiveTimeUnixNano) {
    return metrics.map(Objects.requireNonNull(tenantId, "tenantId"), request, receiveTimeUnixNano);
  }
}
