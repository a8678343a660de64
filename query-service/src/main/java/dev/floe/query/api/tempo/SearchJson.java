package dev.floe.query.api.tempo;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.traceql.Attribute;
import dev.floe.traceql.AttributeScope;
import dev.floe.traceql.Intrinsic;
import dev.floe.traceql.Static;
import dev.floe.traceql.engine.SpanRow;
import dev.floe.traceql.engine.Spanset;
import dev.floe.traceql.engine.TraceFacts;
import dev.floe.traceql.engine.TraceqlSearch;
import dev.floe.traces.Span;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tempo's {@code SearchResponse} JSON: per trace its id (leading zeros trimmed), root service and name,
 * start as a string of nanoseconds, duration in ms, spansets (spans with string nanosecond fields and the
 * attributes the query read, {@code matched}, and the spanset's {@code by()} and aggregate attributes)
 * and span counts per service.
 */
final class SearchJson {
  /** What Tempo shows as the root service of a trace whose root span it has not seen. */
  static final String ROOT_NOT_RECEIVED = "<root span not yet received>";
  private static final HexFormat HEX = HexFormat.of();
  private static final Attribute SERVICE_NAME = Attribute.scoped(AttributeScope.RESOURCE, "service.name", false);

  private final List<Attribute> shown;
  private final int spansPerSpanset;

  /**
   * @param referenced the attributes the query read; intrinsics that have their own fields are not repeated
   * @param spansPerSpanset how many spans each spanset lists (0: all)
   */
  SearchJson(List<Attribute> referenced, int spansPerSpanset) {
    this.shown = new ArrayList<>();
    for (Attribute a : referenced) {
      if (a.intrinsic() == null || a.intrinsic() == Intrinsic.STATUS || a.intrinsic() == Intrinsic.KIND
          || a.intrinsic() == Intrinsic.STATUS_MESSAGE || a.intrinsic() == Intrinsic.INSTRUMENTATION_NAME
          || a.intrinsic() == Intrinsic.INSTRUMENTATION_VERSION) {
        if (!key(a).equals("service.name")) {
          shown.add(a);
        }
      }
    }
    shown.add(SERVICE_NAME);
    this.spansPerSpanset = spansPerSpanset;
  }

  void write(JsonGenerator json, TraceqlSearch.Result result) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("traces");
    for (TraceqlSearch.Match match : result.matches()) {
      trace(json, match);
    }
    json.writeEndArray();
    TempoJson.searchMetrics(json, result.inspectedTraces(), result.inspectedSpans());
    json.writeEndObject();
  }

  private void trace(JsonGenerator json, TraceqlSearch.Match match) throws IOException {
    TraceFacts facts = match.trace().facts();
    json.writeStartObject();
    json.writeStringField("traceID", traceId(facts.traceId()));
    json.writeStringField("rootServiceName", facts.rootService() == null ? ROOT_NOT_RECEIVED : facts.rootService());
    if (facts.rootName() != null && !facts.rootName().isEmpty()) {
      json.writeStringField("rootTraceName", facts.rootName());
    }
    json.writeStringField("startTimeUnixNano", Long.toString(facts.startNanos()));
    long durationMs = facts.durationNanos() / 1_000_000L;
    if (durationMs > 0) {
      json.writeNumberField("durationMs", durationMs);
    }
    List<Spanset> spansets = match.spansets();
    json.writeFieldName("spanSet");
    spanset(json, spansets.get(0));
    json.writeArrayFieldStart("spanSets");
    for (Spanset set : spansets) {
      spanset(json, set);
    }
    json.writeEndArray();
    json.writeObjectFieldStart("serviceStats");
    Map<String, int[]> stats = new TreeMap<>();
    for (SpanRow row : match.trace().rows()) {
      Span span = row.span();
      String service = span.resource() == null || span.resource().serviceName() == null ? "" : span.resource().serviceName();
      int[] counts = stats.computeIfAbsent(service, s -> new int[2]);
      counts[0]++;
      if (span.statusCode() == 2) {
        counts[1]++;
      }
    }
    for (Map.Entry<String, int[]> e : stats.entrySet()) {
      json.writeObjectFieldStart(e.getKey());
      json.writeNumberField("spanCount", e.getValue()[0]);
      if (e.getValue()[1] > 0) {
        json.writeNumberField("errorCount", e.getValue()[1]);
      }
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private void spanset(JsonGenerator json, Spanset set) throws IOException {
    List<SpanRow> spans = new ArrayList<>(set.spans());
    spans.sort(Comparator.comparingLong((SpanRow r) -> r.span().startNanos()));
    int shownSpans = spansPerSpanset == 0 ? spans.size() : Math.min(spansPerSpanset, spans.size());
    json.writeStartObject();
    json.writeArrayFieldStart("spans");
    for (SpanRow row : spans.subList(0, shownSpans)) {
      Span span = row.span();
      json.writeStartObject();
      json.writeStringField("spanID", HEX.formatHex(span.spanId()));
      if (span.name() != null && !span.name().isEmpty()) {
        json.writeStringField("name", span.name());
      }
      json.writeStringField("startTimeUnixNano", Long.toString(span.startNanos()));
      json.writeStringField("durationNanos", Long.toString(span.durationNanos()));
      List<Map.Entry<String, Static>> attributes = new ArrayList<>();
      for (Attribute a : shown) {
        Static value = row.value(a);
        if (!value.isNil()) {
          attributes.add(new AbstractMap.SimpleImmutableEntry<>(key(a), value));
        }
      }
      if (!attributes.isEmpty()) {
        json.writeFieldName("attributes");
        TempoJson.keyValues(json, attributes);
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeNumberField("matched", spans.size());
    if (!set.attributes().isEmpty()) {
      json.writeFieldName("attributes");
      TempoJson.keyValues(json, set.attributes());
    }
    json.writeEndObject();
  }

  /** The key Tempo gives an attribute on a span: the bare name, or the intrinsic's name. */
  private static String key(Attribute a) {
    return a.intrinsic() == null ? a.name() : a.intrinsic().legacy() != null ? a.intrinsic().legacy() : a.text();
  }

  /** A trace id in hex without leading zeros, as Tempo returns it in search results. */
  static String traceId(byte[] id) {
    String hex = HEX.formatHex(id);
    int i = 0;
    while (i < hex.length() - 1 && hex.charAt(i) == '0') {
      i++;
    }
    return hex.substring(i);
  }
}
