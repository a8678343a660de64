package dev.floe.traces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Builds stored spans for tests; attribute values are given with their storage type tag. */
public final class SpanBuilder {
  private String tenant = "fake";
  private final byte[] traceId;
  private final byte[] spanId;
  private byte[] parentSpanId = new byte[0];
  private String name = "span";
  private int kind = 1;
  private int status;
  private String statusMessage = "";
  private long start;
  private long end;
  private String service = "svc";
  private final Map<String, String> attributes = new HashMap<>();
  private final Map<String, String> resourceAttributes = new HashMap<>();
  private final Map<String, String> valueTypes = new HashMap<>();
  private final List<Span.SpanEvent> events = new ArrayList<>();
  private final List<Span.SpanLink> links = new ArrayList<>();
  private String scopeName = "lib";
  private String scopeVersion = "1.0";

  private SpanBuilder(String traceIdHex, String spanIdHex) {
    this.traceId = HexFormat.of().parseHex(traceIdHex);
    this.spanId = HexFormat.of().parseHex(spanIdHex);
  }

  /** A span of trace {@code traceIdHex} (32 hex digits) with id {@code spanIdHex} (16 hex digits). */
  public static SpanBuilder span(String traceIdHex, String spanIdHex) {
    return new SpanBuilder(traceIdHex, spanIdHex);
  }

  public SpanBuilder tenant(String value) {
    tenant = value;
    return this;
  }

  public SpanBuilder parent(String spanIdHex) {
    parentSpanId = HexFormat.of().parseHex(spanIdHex);
    return this;
  }

  public SpanBuilder name(String value) {
    name = value;
    return this;
  }

  public SpanBuilder kind(int value) {
    kind = value;
    return this;
  }

  public SpanBuilder status(int code, String message) {
    status = code;
    statusMessage = message;
    return this;
  }

  /** Start and duration in nanoseconds. */
  public SpanBuilder time(long startNanos, long durationNanos) {
    start = startNanos;
    end = startNanos + durationNanos;
    return this;
  }

  public SpanBuilder service(String value) {
    service = value;
    return this;
  }

  public SpanBuilder attr(String key, String value) {
    attributes.put(key, value);
    return this;
  }

  /** An attribute with a type tag ({@code int}, {@code double}, {@code bool}, {@code array}). */
  public SpanBuilder attr(String key, String value, String tag) {
    attributes.put(key, value);
    valueTypes.put("attributes." + key, tag);
    return this;
  }

  public SpanBuilder resource(String key, String value) {
    resourceAttributes.put(key, value);
    return this;
  }

  public SpanBuilder event(long timeNanos, String eventName, Map<String, String> eventAttributes) {
    events.add(new Span.SpanEvent(timeNanos, eventName, eventAttributes, 0));
    return this;
  }

  public SpanBuilder link(String traceIdHex, String spanIdHex, Map<String, String> linkAttributes) {
    links.add(new Span.SpanLink(
        HexFormat.of().parseHex(traceIdHex), HexFormat.of().parseHex(spanIdHex), "", 0, linkAttributes, 0));
    return this;
  }

  public SpanBuilder scope(String scope, String version) {
    scopeName = scope;
    scopeVersion = version;
    return this;
  }

  public Span build() {
    Map<String, String> resource = new HashMap<>(resourceAttributes);
    resource.put("service.name", service);
    return new Span(tenant, traceId, spanId, parentSpanId, "", 0, name, kind, status, statusMessage, start, end,
        Map.copyOf(attributes), 0, List.copyOf(events), 0, List.copyOf(links), 0,
        new Span.Resource(service, Map.copyOf(resource), "", 0),
        new Span.Scope(scopeName, scopeVersion, Map.of(), "", 0), Map.copyOf(valueTypes));
  }
}
