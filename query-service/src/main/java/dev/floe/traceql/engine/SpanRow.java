package dev.floe.traceql.engine;

import dev.floe.otlp.AnyValues;
import dev.floe.traceql.Attribute;
import dev.floe.traceql.Static;
import dev.floe.traceql.StaticType;
import dev.floe.traces.Span;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A span as TraceQL sees it: the stored span with its place in the trace's nested-set model (left,
 * right and parent numbers, 0 when the span is not connected to a root; a root's parent is -1), its
 * number of children and the facts of its trace.
 */
public final class SpanRow {
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_CACHED_KEYS = 10_000;
  /** {@code valueTypes} keys by scope prefix and name, so a lookup does not build a string per span. */
  private static final Map<String, String> SPAN_KEYS = new ConcurrentHashMap<>();
  private static final Map<String, String> RESOURCE_KEYS = new ConcurrentHashMap<>();

  private final Span span;
  private final TraceFacts trace;
  int left;
  int right;
  int parent;
  int childCount;

  SpanRow(Span span, TraceFacts trace) {
    this.span = span;
    this.trace = trace;
  }

  public Span span() {
    return span;
  }

  public TraceFacts trace() {
    return trace;
  }

  public int left() {
    return left;
  }

  public int right() {
    return right;
  }

  public int parent() {
    return parent;
  }

  /** The value of {@code attribute}, from the span's first event and link for event and link fields. */
  public Static value(Attribute attribute) {
    return lookup(attribute, span.events().isEmpty() ? -1 : 0, span.links().isEmpty() ? -1 : 0);
  }

  /** The value of {@code attribute}, in the context of event {@code event} and link {@code link} (-1: none). */
  Static lookup(Attribute attribute, int event, int link) {
    if (attribute.intrinsic() != null) {
      return intrinsic(attribute, event, link);
    }
    switch (attribute.scope()) {
      case SPAN:
        return value(span.attributes().get(attribute.name()), SPAN_KEYS, "attributes.", attribute.name());
      case RESOURCE:
        return resource(attribute.name());
      case INSTRUMENTATION:
        return span.scope() == null ? Static.NIL
            : value(span.scope().attributes().get(attribute.name()), "scope." + attribute.name());
      case EVENT:
        if (event < 0) {
          return Static.NIL;
        }
        return value(span.events().get(event).attributes().get(attribute.name()), "events." + event + "." + attribute.name());
      case LINK:
        if (link < 0) {
          return Static.NIL;
        }
        return value(span.links().get(link).attributes().get(attribute.name()), "links." + link + "." + attribute.name());
      default: {
        Static own = value(span.attributes().get(attribute.name()), SPAN_KEYS, "attributes.", attribute.name());
        return own.isNil() ? resource(attribute.name()) : own;
      }
    }
  }

  private Static resource(String name) {
    Span.Resource resource = span.resource();
    if (resource == null) {
      return Static.NIL;
    }
    String text = resource.attributes().get(name);
    if (text == null && name.equals("service.name") && resource.serviceName() != null) {
      return Static.ofString(resource.serviceName());
    }
    return value(text, RESOURCE_KEYS, "resource.", name);
  }

  private Static intrinsic(Attribute attribute, int event, int link) {
    switch (attribute.intrinsic()) {
      case DURATION: return Static.ofDuration(span.durationNanos());
      case NAME: return Static.ofString(span.name());
      case STATUS: return Static.ofStatus(span.statusCode());
      case STATUS_MESSAGE: return Static.ofString(span.statusMessage() == null ? "" : span.statusMessage());
      case KIND: return Static.ofKind(span.kind());
      case SPAN_ID: return Static.ofString(HEX.formatHex(span.spanId()));
      case PARENT_ID: return span.isRoot() ? Static.NIL : Static.ofString(HEX.formatHex(span.parentSpanId()));
      case CHILD_COUNT: return Static.ofInt(childCount);
      case TRACE_DURATION: return Static.ofDuration(trace.durationNanos());
      case ROOT_NAME: return trace.rootName() == null ? Static.NIL : Static.ofString(trace.rootName());
      case ROOT_SERVICE: return trace.rootService() == null ? Static.NIL : Static.ofString(trace.rootService());
      case TRACE_ID: return Static.ofString(HEX.formatHex(span.traceId()));
      case EVENT_NAME: return event < 0 ? Static.NIL : Static.ofString(span.events().get(event).name());
      case EVENT_TIME_SINCE_START:
        return event < 0 ? Static.NIL : Static.ofDuration(span.events().get(event).timeNanos() - span.startNanos());
      case LINK_TRACE_ID: return link < 0 ? Static.NIL : Static.ofString(HEX.formatHex(span.links().get(link).traceId()));
      case LINK_SPAN_ID: return link < 0 ? Static.NIL : Static.ofString(HEX.formatHex(span.links().get(link).spanId()));
      case INSTRUMENTATION_NAME: return span.scope() == null ? Static.NIL : Static.ofString(span.scope().name());
      case INSTRUMENTATION_VERSION: return span.scope() == null ? Static.NIL : Static.ofString(span.scope().version());
      case NESTED_SET_LEFT: return Static.ofInt(left);
      case NESTED_SET_RIGHT: return Static.ofInt(right);
      case NESTED_SET_PARENT: return Static.ofInt(parent);
      default: return Static.NIL;
    }
  }

  private Static value(String text, Map<String, String> keys, String prefix, String name) {
    if (text == null) {
      return Static.NIL;
    }
    if (span.valueTypes().isEmpty()) {
      return Static.ofString(text);
    }
    String key = keys.get(name);
    if (key == null) {
      key = prefix + name;
      if (keys.size() < MAX_CACHED_KEYS) {
        keys.put(name, key);
      }
    }
    return decode(text, span.valueTypes().get(key));
  }

  private Static value(String text, String typeKey) {
    if (text == null) {
      return Static.NIL;
    }
    return decode(text, span.valueTypes().get(typeKey));
  }

  /** A stored attribute value (text plus {@code AnyValues} tag) as a TraceQL value. */
  static Static decode(String text, String tag) {
    if (tag == null) {
      return Static.ofString(text);
    }
    try {
      switch (tag) {
        case AnyValues.INT: return Static.ofInt(Long.parseLong(text));
        case AnyValues.DOUBLE: return Static.ofFloat(Double.parseDouble(text));
        case AnyValues.BOOL: return Static.ofBool(text.equals("true"));
        case AnyValues.ARRAY: return array(AnyValues.decode(text, tag));
        case AnyValues.EMPTY: return Static.NIL;
        default: return Static.ofString(text);
      }
    } catch (IllegalArgumentException e) {
      return Static.ofString(text);
    }
  }

  private static Static array(AnyValue value) {
    List<Static> elements = new ArrayList<>();
    StaticType type = null;
    for (AnyValue element : value.getArrayValue().getValuesList()) {
      Static s = of(element);
      if (type == null) {
        type = s.type();
      } else if (type != s.type()) {
        return Static.ofString(AnyValues.text(value));
      }
      elements.add(s);
    }
    if (type == null || !(type == StaticType.INT || type == StaticType.FLOAT || type == StaticType.STRING || type == StaticType.BOOL)) {
      return elements.isEmpty() ? Static.ofArray(StaticType.STRING_ARRAY, elements) : Static.ofString(AnyValues.text(value));
    }
    StaticType arrayType = type == StaticType.INT ? StaticType.INT_ARRAY
        : type == StaticType.FLOAT ? StaticType.FLOAT_ARRAY
        : type == StaticType.BOOL ? StaticType.BOOL_ARRAY : StaticType.STRING_ARRAY;
    return Static.ofArray(arrayType, elements);
  }

  private static Static of(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE: return Static.ofString(value.getStringValue());
      case INT_VALUE: return Static.ofInt(value.getIntValue());
      case DOUBLE_VALUE: return Static.ofFloat(value.getDoubleValue());
      case BOOL_VALUE: return Static.ofBool(value.getBoolValue());
      default: return Static.ofString(AnyValues.text(value));
    }
  }
}
