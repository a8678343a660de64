package dev.floe.traces;

import java.util.List;
import java.util.Map;

/**
 * One stored span, as the {@code spans} table holds it. Attribute values are in the storage text form
 * ({@code dev.floe.otlp.AnyValues}); {@code valueTypes} tags the values that are not strings, under
 * {@code attributes.<key>}, {@code resource.<key>}, {@code scope.<key>}, {@code events.<i>.<key>} and
 * {@code links.<i>.<key>}. Ids are raw bytes: 16 for trace ids, 8 for span ids; a root span's
 * {@code parentSpanId} is empty. Arrays are never modified after construction.
 */
public record Span(
    String tenant,
    byte[] traceId,
    byte[] spanId,
    byte[] parentSpanId,
    String traceState,
    int flags,
    String name,
    int kind,
    int statusCode,
    String statusMessage,
    long startNanos,
    long endNanos,
    Map<String, String> attributes,
    int droppedAttributesCount,
    List<SpanEvent> events,
    int droppedEventsCount,
    List<SpanLink> links,
    int droppedLinksCount,
    Resource resource,
    Scope scope,
    Map<String, String> valueTypes) {

  /** The span's duration in nanoseconds. */
  public long durationNanos() {
    return endNanos - startNanos;
  }

  /** Whether the span has no parent. */
  public boolean isRoot() {
    return parentSpanId.length == 0;
  }

  /** An event of a span; {@code timeNanos} is absolute. */
  public record SpanEvent(long timeNanos, String name, Map<String, String> attributes, int droppedAttributesCount) {}

  /** A link from a span to another span. */
  public record SpanLink(
      byte[] traceId,
      byte[] spanId,
      String traceState,
      int flags,
      Map<String, String> attributes,
      int droppedAttributesCount) {}

  /** The resource a span came from; spans of one resource may share one instance. */
  public record Resource(
      String serviceName, Map<String, String> attributes, String schemaUrl, int droppedAttributesCount) {}

  /** The instrumentation scope a span came from. */
  public record Scope(
      String name, String version, Map<String, String> attributes, String schemaUrl, int droppedAttributesCount) {}
}
