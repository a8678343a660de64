package dev.floe.query.api.tempo;

import com.google.protobuf.ByteString;
import dev.floe.otlp.AnyValues;
import dev.floe.traces.Span;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored spans back to OTLP: spans grouped by resource, then by instrumentation scope, every value
 * back to its OTLP type from the row's value-type tags ({@link AnyValues}).
 */
final class OtlpTraces {
  private static final String SPAN_PREFIX = "attributes.";
  private static final String RESOURCE_PREFIX = "resource.";
  private static final String SCOPE_PREFIX = "scope.";
  private static final String EVENTS_PREFIX = "events.";
  private static final String LINKS_PREFIX = "links.";

  private OtlpTraces() {}

  /** The spans as OTLP, ordered by start time within each scope. */
  static TracesData of(List<Span> spans) {
    Map<Span.Resource, Map<Span.Scope, List<Span>>> groups = new LinkedHashMap<>();
    List<Span> ordered = new ArrayList<>(spans);
    ordered.sort(Comparator.comparingLong(Span::startNanos));
    for (Span span : ordered) {
      groups.computeIfAbsent(span.resource(), r -> new LinkedHashMap<>())
          .computeIfAbsent(span.scope(), s -> new ArrayList<>())
          .add(span);
    }
    TracesData.Builder data = TracesData.newBuilder();
    for (Map.Entry<Span.Resource, Map<Span.Scope, List<Span>>> resource : groups.entrySet()) {
      Map<String, String> types = firstSpan(resource.getValue()).valueTypes();
      Span.Resource stored = resource.getKey();
      ResourceSpans.Builder resourceSpans =
          ResourceSpans.newBuilder()
              .setResource(
                  Resource.newBuilder()
                      .addAllAttributes(attributes(stored.attributes(), types, RESOURCE_PREFIX))
                      .setDroppedAttributesCount(stored.droppedAttributesCount()))
              .setSchemaUrl(stored.schemaUrl());
      for (Map.Entry<Span.Scope, List<Span>> scope : resource.getValue().entrySet()) {
        resourceSpans.addScopeSpans(scopeSpans(scope.getKey(), scope.getValue()));
      }
      data.addResourceSpans(resourceSpans);
    }
    return data.build();
  }

  private static Span firstSpan(Map<Span.Scope, List<Span>> scopes) {
    return scopes.values().iterator().next().get(0);
  }

  private static ScopeSpans scopeSpans(Span.Scope scope, List<Span> spans) {
    Map<String, String> types = spans.get(0).valueTypes();
    ScopeSpans.Builder builder =
        ScopeSpans.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName(scope.name())
                    .setVersion(scope.version())
                    .addAllAttributes(attributes(scope.attributes(), types, SCOPE_PREFIX))
                    .setDroppedAttributesCount(scope.droppedAttributesCount()))
            .setSchemaUrl(scope.schemaUrl());
    for (Span span : spans) {
      builder.addSpans(span(span));
    }
    return builder.build();
  }

  private static io.opentelemetry.proto.trace.v1.Span span(Span span) {
    Map<String, String> types = span.valueTypes();
    io.opentelemetry.proto.trace.v1.Span.Builder builder =
        io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(ByteString.copyFrom(span.traceId()))
            .setSpanId(ByteString.copyFrom(span.spanId()))
            .setParentSpanId(ByteString.copyFrom(span.parentSpanId()))
            .setTraceState(span.traceState())
            .setFlags(span.flags())
            .setName(span.name())
            .setKindValue(span.kind())
            .setStartTimeUnixNano(span.startNanos())
            .setEndTimeUnixNano(span.endNanos())
            .addAllAttributes(attributes(span.attributes(), types, SPAN_PREFIX))
            .setDroppedAttributesCount(span.droppedAttributesCount())
            .setDroppedEventsCount(span.droppedEventsCount())
            .setDroppedLinksCount(span.droppedLinksCount())
            .setStatus(Status.newBuilder().setCodeValue(span.statusCode()).setMessage(span.statusMessage()));
    for (int i = 0; i < span.events().size(); i++) {
      Span.SpanEvent event = span.events().get(i);
      builder.addEvents(
          io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
              .setTimeUnixNano(event.timeNanos())
              .setName(event.name())
              .addAllAttributes(attributes(event.attributes(), types, EVENTS_PREFIX + i + "."))
              .setDroppedAttributesCount(event.droppedAttributesCount()));
    }
    for (int i = 0; i < span.links().size(); i++) {
      Span.SpanLink link = span.links().get(i);
      builder.addLinks(
          io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
              .setTraceId(ByteString.copyFrom(link.traceId()))
              .setSpanId(ByteString.copyFrom(link.spanId()))
              .setTraceState(link.traceState())
              .setFlags(link.flags())
              .addAllAttributes(attributes(link.attributes(), types, LINKS_PREFIX + i + "."))
              .setDroppedAttributesCount(link.droppedAttributesCount()));
    }
    return builder.build();
  }

  private static List<KeyValue> attributes(Map<String, String> stored, Map<String, String> types, String prefix) {
    List<KeyValue> attributes = new ArrayList<>(stored.size());
    for (Map.Entry<String, String> entry : stored.entrySet()) {
      attributes.add(
          KeyValue.newBuilder()
              .setKey(entry.getKey())
              .setValue(value(entry.getValue(), types.get(prefix + entry.getKey())))
              .build());
    }
    return attributes;
  }

  private static AnyValue value(String text, String tag) {
    try {
      return AnyValues.decode(text, tag);
    } catch (IllegalArgumentException e) {
      // A tag the stored text does not fit (written by another tool): the text is still the value.
      return AnyValue.newBuilder().setStringValue(text).build();
    }
  }
}
