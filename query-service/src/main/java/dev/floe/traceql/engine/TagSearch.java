package dev.floe.traceql.engine;

import dev.floe.traceql.Attribute;
import dev.floe.traceql.AttributeScope;
import dev.floe.traceql.FieldExpr;
import dev.floe.traceql.Intrinsic;
import dev.floe.traceql.SpansetFilter;
import dev.floe.traceql.Static;
import dev.floe.traces.Span;
import dev.floe.traces.TraceRequest;
import dev.floe.traces.TraceSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The attribute names and values of the spans in a range, for autocomplete: names by scope, and the
 * distinct values of one attribute or intrinsic, optionally only of spans that pass a filter.
 */
public final class TagSearch {
  /** The intrinsic names Tempo lists in the {@code intrinsic} scope. */
  public static final List<String> INTRINSICS = List.of(
      "duration", "event:name", "event:timeSinceStart", "instrumentation:name", "instrumentation:version", "kind",
      "link:spanID", "link:traceID", "name", "rootName", "rootServiceName", "span:childCount", "span:duration",
      "span:id", "span:kind", "span:name", "span:parentID", "span:status", "span:statusMessage", "status",
      "statusMessage", "trace:duration", "trace:id", "trace:rootName", "trace:rootService", "traceDuration");

  private TagSearch() {}

  /** Attribute names by scope (never {@link AttributeScope#NONE}), each sorted and at most {@code limit} long. */
  public static Map<AttributeScope, Set<String>> names(
      TraceSource source, TraceRequest request, FieldExpr filter, int limit, Runnable checkpoint) {
    Map<AttributeScope, Set<String>> names = new EnumMap<>(AttributeScope.class);
    for (AttributeScope scope : AttributeScope.values()) {
      if (scope != AttributeScope.NONE) {
        names.put(scope, new TreeSet<>());
      }
    }
    forEachSpan(source, request, filter, checkpoint, row -> {
      Span span = row.span();
      add(names.get(AttributeScope.SPAN), span.attributes().keySet(), limit);
      if (span.resource() != null) {
        add(names.get(AttributeScope.RESOURCE), span.resource().attributes().keySet(), limit);
      }
      if (span.scope() != null) {
        add(names.get(AttributeScope.INSTRUMENTATION), span.scope().attributes().keySet(), limit);
      }
      for (Span.SpanEvent event : span.events()) {
        add(names.get(AttributeScope.EVENT), event.attributes().keySet(), limit);
      }
      for (Span.SpanLink link : span.links()) {
        add(names.get(AttributeScope.LINK), link.attributes().keySet(), limit);
      }
    });
    return names;
  }

  private static void add(Set<String> into, Set<String> names, int limit) {
    for (String name : names) {
      if (into.size() >= limit) {
        return;
      }
      into.add(name);
    }
  }

  /** The distinct values of {@code attribute} (array elements separately), at most {@code limit}. */
  public static List<Static> values(
      TraceSource source, TraceRequest request, Attribute attribute, FieldExpr filter, int limit, Runnable checkpoint) {
    Set<Static> values = new LinkedHashSet<>();
    boolean perEvent = attribute.scope() == AttributeScope.EVENT
        || attribute.intrinsic() == Intrinsic.EVENT_NAME || attribute.intrinsic() == Intrinsic.EVENT_TIME_SINCE_START;
    boolean perLink = attribute.scope() == AttributeScope.LINK
        || attribute.intrinsic() == Intrinsic.LINK_SPAN_ID || attribute.intrinsic() == Intrinsic.LINK_TRACE_ID;
    forEachSpan(source, request, filter, checkpoint, row -> {
      int count = perEvent ? row.span().events().size() : perLink ? row.span().links().size() : 1;
      for (int i = 0; i < count && values.size() < limit; i++) {
        Static value = row.lookup(attribute, perEvent ? i : -1, perLink ? i : -1);
        if (value.type().isArray()) {
          for (Static element : value.elements()) {
            if (values.size() < limit) {
              values.add(element);
            }
          }
        } else if (!value.isNil()) {
          values.add(value);
        }
      }
    });
    return new ArrayList<>(values);
  }

  private interface RowSink {
    void accept(SpanRow row);
  }

  private static void forEachSpan(
      TraceSource source, TraceRequest request, FieldExpr filter, Runnable checkpoint, RowSink sink) {
    FieldEvaluator fields = new FieldEvaluator();
    TraceRequest hinted = filter == null ? request : SourceHints.apply(new SpansetFilter(filter), request);
    source.traces(hinted, trace -> {
      checkpoint.run();
      for (SpanRow row : TraceView.of(trace).rows()) {
        if (filter == null || fields.test(filter, row)) {
          sink.accept(row);
        }
      }
      return true;
    });
  }
}
