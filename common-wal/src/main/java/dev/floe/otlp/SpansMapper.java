package dev.floe.otlp;

import static dev.floe.schema.Columns.ATTRIBUTES;
import static dev.floe.schema.Columns.DROPPED_ATTRIBUTES_COUNT;
import static dev.floe.schema.Columns.DROPPED_EVENTS_COUNT;
import static dev.floe.schema.Columns.DROPPED_LINKS_COUNT;
import static dev.floe.schema.Columns.DURATION_NANOS;
import static dev.floe.schema.Columns.END_TIMESTAMP;
import static dev.floe.schema.Columns.END_TIMESTAMP_NANOS;
import static dev.floe.schema.Columns.EVENTS;
import static dev.floe.schema.Columns.FLAGS;
import static dev.floe.schema.Columns.KIND;
import static dev.floe.schema.Columns.LINKS;
import static dev.floe.schema.Columns.NAME;
import static dev.floe.schema.Columns.PARENT_SPAN_ID;
import static dev.floe.schema.Columns.SPAN_ID;
import static dev.floe.schema.Columns.STATUS_CODE;
import static dev.floe.schema.Columns.STATUS_MESSAGE;
import static dev.floe.schema.Columns.TIMESTAMP;
import static dev.floe.schema.Columns.TIMESTAMP_NANOS;
import static dev.floe.schema.Columns.TIME_UNIX_NANO;
import static dev.floe.schema.Columns.TRACE_ID;
import static dev.floe.schema.Columns.TRACE_STATE;
import static dev.floe.schema.Columns.VALUE_TYPES;

import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/** Maps OTLP spans, with their events and links, to rows of the spans table. */
final class SpansMapper {
  private static final String ATTRIBUTES_PREFIX = "attributes.";
  private static final String EVENTS_PREFIX = "events.";
  private static final String LINKS_PREFIX = "links.";

  private static final Schema SCHEMA = FloeTables.SPANS.schema();
  private static final RowTemplate SPAN = RowTemplate.of(SCHEMA);
  private static final ResourceScope.Columns COMMON = new ResourceScope.Columns(SPAN);
  private static final int TIMESTAMP_POS = SPAN.position(TIMESTAMP);
  private static final int TIMESTAMP_NANOS_POS = SPAN.position(TIMESTAMP_NANOS);
  private static final int END_POS = SPAN.position(END_TIMESTAMP);
  private static final int END_NANOS_POS = SPAN.position(END_TIMESTAMP_NANOS);
  private static final int DURATION_POS = SPAN.position(DURATION_NANOS);
  private static final int TRACE_ID_POS = SPAN.position(TRACE_ID);
  private static final int SPAN_ID_POS = SPAN.position(SPAN_ID);
  private static final int PARENT_POS = SPAN.position(PARENT_SPAN_ID);
  private static final int TRACE_STATE_POS = SPAN.position(TRACE_STATE);
  private static final int FLAGS_POS = SPAN.position(FLAGS);
  private static final int NAME_POS = SPAN.position(NAME);
  private static final int KIND_POS = SPAN.position(KIND);
  private static final int STATUS_CODE_POS = SPAN.position(STATUS_CODE);
  private static final int STATUS_MESSAGE_POS = SPAN.position(STATUS_MESSAGE);
  private static final int ATTRIBUTES_POS = SPAN.position(ATTRIBUTES);
  private static final int DROPPED_POS = SPAN.position(DROPPED_ATTRIBUTES_COUNT);
  private static final int EVENTS_POS = SPAN.position(EVENTS);
  private static final int DROPPED_EVENTS_POS = SPAN.position(DROPPED_EVENTS_COUNT);
  private static final int LINKS_POS = SPAN.position(LINKS);
  private static final int DROPPED_LINKS_POS = SPAN.position(DROPPED_LINKS_COUNT);
  private static final int VALUE_TYPES_POS = SPAN.position(VALUE_TYPES);

  private static final RowTemplate EVENT = RowTemplate.ofListElements(SCHEMA, EVENTS);
  private static final int EVENT_TIME_POS = EVENT.position(TIME_UNIX_NANO);
  private static final int EVENT_NAME_POS = EVENT.position(NAME);
  private static final int EVENT_ATTRIBUTES_POS = EVENT.position(ATTRIBUTES);
  private static final int EVENT_DROPPED_POS = EVENT.position(DROPPED_ATTRIBUTES_COUNT);

  private static final RowTemplate LINK = RowTemplate.ofListElements(SCHEMA, LINKS);
  private static final int LINK_TRACE_ID_POS = LINK.position(TRACE_ID);
  private static final int LINK_SPAN_ID_POS = LINK.position(SPAN_ID);
  private static final int LINK_TRACE_STATE_POS = LINK.position(TRACE_STATE);
  private static final int LINK_FLAGS_POS = LINK.position(FLAGS);
  private static final int LINK_ATTRIBUTES_POS = LINK.position(ATTRIBUTES);
  private static final int LINK_DROPPED_POS = LINK.position(DROPPED_ATTRIBUTES_COUNT);

  private final MappingLimits limits;

  SpansMapper(MappingLimits limits) {
    this.limits = limits;
  }

  MappedRows map(String tenant, ExportTraceServiceRequest request, long receiveNanos) {
    MappingContext context = new MappingContext(tenant, limits, receiveNanos);
    List<Record> spans = new ArrayList<>(countSpans(request));
    List<ResourceSpans> resources = request.getResourceSpansList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceSpans resourceSpans = resources.get(r);
      ResourceScope resource =
          ResourceScope.ofResource(resourceSpans.getResource(), resourceSpans.getSchemaUrl(), context);
      List<ScopeSpans> scopes = resourceSpans.getScopeSpansList();
      for (int s = 0; s < scopes.size(); s++) {
        ScopeSpans scopeSpans = scopes.get(s);
        ResourceScope scope = resource.withScope(scopeSpans.getScope(), scopeSpans.getSchemaUrl(), context);
        List<Span> list = scopeSpans.getSpansList();
        for (int i = 0; i < list.size(); i++) {
          GenericRecord row = map(context, scope, list.get(i));
          if (row != null) {
            spans.add(row);
          } else if (context.countRejection()) {
            context.describeFirstRejection("span " + i + " of scope " + s + " of resource " + r);
          }
        }
      }
    }
    return new MappedRows(
        Map.of(Signal.SPANS, Collections.unmodifiableList(spans)),
        spans.size(),
        context.rejected(),
        context.rejectionMessage());
  }

  /** The row for a span, or null with the reason in the context's problem. */
  private static GenericRecord map(MappingContext context, ResourceScope scope, Span span) {
    String problem = check(context, scope, span);
    if (problem != null) {
      return context.fail(problem);
    }
    context.beginTypes(scope.valueTypes);
    Map<String, String> attributes = context.attributes(span.getAttributesList(), ATTRIBUTES_PREFIX, -1);
    if (attributes == null) {
      return null;
    }
    List<GenericRecord> events = events(context, span.getEventsList());
    if (events == null) {
      return null;
    }
    List<GenericRecord> links = links(context, span.getLinksList());
    if (links == null) {
      return null;
    }
    long start = span.getStartTimeUnixNano();
    long end = span.getEndTimeUnixNano();
    GenericRecord row = SPAN.newRow();
    scope.fill(row, COMMON, context.tenant);
    row.set(TIMESTAMP_POS, Timestamps.micros(start));
    row.set(TIMESTAMP_NANOS_POS, Timestamps.nanosRemainder(start));
    row.set(END_POS, Timestamps.micros(end));
    row.set(END_NANOS_POS, Timestamps.nanosRemainder(end));
    row.set(DURATION_POS, end - start);
    row.set(TRACE_ID_POS, Ids.toBuffer(span.getTraceId()));
    row.set(SPAN_ID_POS, Ids.toBuffer(span.getSpanId()));
    row.set(PARENT_POS, Ids.toBuffer(span.getParentSpanId()));
    row.set(TRACE_STATE_POS, ResourceScope.emptyToNull(span.getTraceState()));
    row.set(FLAGS_POS, span.getFlags());
    row.set(NAME_POS, span.getName());
    row.set(KIND_POS, span.getKindValue());
    row.set(STATUS_CODE_POS, span.getStatus().getCodeValue());
    row.set(STATUS_MESSAGE_POS, ResourceScope.emptyToNull(span.getStatus().getMessage()));
    row.set(ATTRIBUTES_POS, attributes);
    row.set(DROPPED_POS, span.getDroppedAttributesCount());
    row.set(EVENTS_POS, events);
    row.set(DROPPED_EVENTS_POS, span.getDroppedEventsCount());
    row.set(LINKS_POS, links);
    row.set(DROPPED_LINKS_POS, span.getDroppedLinksCount());
    row.set(VALUE_TYPES_POS, context.endTypes());
    return row;
  }

  private static String check(MappingContext context, ResourceScope scope, Span span) {
    if (scope.problem != null) {
      return scope.problem;
    }
    String problem = Ids.checkRequired("trace_id", span.getTraceId(), Ids.TRACE_ID_BYTES);
    if (problem == null) {
      problem = Ids.checkRequired("span_id", span.getSpanId(), Ids.SPAN_ID_BYTES);
    }
    if (problem == null) {
      problem = Ids.checkOptional("parent_span_id", span.getParentSpanId(), Ids.SPAN_ID_BYTES);
    }
    for (int i = 0; problem == null && i < span.getLinksCount(); i++) {
      Span.Link link = span.getLinks(i);
      problem = Ids.checkExact("trace_id", link.getTraceId(), Ids.TRACE_ID_BYTES);
      if (problem == null) {
        problem = Ids.checkExact("span_id", link.getSpanId(), Ids.SPAN_ID_BYTES);
      }
      if (problem != null) {
        problem = "link " + i + ": " + problem;
      }
    }
    if (problem == null) {
      problem = context.checkAttributeCount(scope.attributeCount + span.getAttributesCount());
    }
    if (problem == null) {
      problem = context.checkTime("start_time_unix_nano", span.getStartTimeUnixNano());
    }
    if (problem == null) {
      problem = context.checkTime("end_time_unix_nano", span.getEndTimeUnixNano());
    }
    if (problem == null && span.getEndTimeUnixNano() < span.getStartTimeUnixNano()) {
      problem = "end_time_unix_nano is before start_time_unix_nano";
    }
    return problem;
  }

  private static List<GenericRecord> events(MappingContext context, List<Span.Event> events) {
    int size = events.size();
    if (size == 0) {
      return Collections.emptyList();
    }
    List<GenericRecord> result = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Span.Event event = events.get(i);
      Map<String, String> attributes = context.attributes(event.getAttributesList(), EVENTS_PREFIX, i);
      if (attributes == null) {
        return null;
      }
      GenericRecord row = EVENT.newRow();
      row.set(EVENT_TIME_POS, event.getTimeUnixNano());
      row.set(EVENT_NAME_POS, event.getName());
      row.set(EVENT_ATTRIBUTES_POS, attributes);
      row.set(EVENT_DROPPED_POS, event.getDroppedAttributesCount());
      result.add(row);
    }
    return result;
  }

  private static List<GenericRecord> links(MappingContext context, List<Span.Link> links) {
    int size = links.size();
    if (size == 0) {
      return Collections.emptyList();
    }
    List<GenericRecord> result = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Span.Link link = links.get(i);
      Map<String, String> attributes = context.attributes(link.getAttributesList(), LINKS_PREFIX, i);
      if (attributes == null) {
        return null;
      }
      GenericRecord row = LINK.newRow();
      row.set(LINK_TRACE_ID_POS, Ids.toBuffer(link.getTraceId()));
      row.set(LINK_SPAN_ID_POS, Ids.toBuffer(link.getSpanId()));
      row.set(LINK_TRACE_STATE_POS, ResourceScope.emptyToNull(link.getTraceState()));
      row.set(LINK_FLAGS_POS, link.getFlags());
      row.set(LINK_ATTRIBUTES_POS, attributes);
      row.set(LINK_DROPPED_POS, link.getDroppedAttributesCount());
      result.add(row);
    }
    return result;
  }

  private static int countSpans(ExportTraceServiceRequest request) {
    int count = 0;
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        count += scopeSpans.getSpansCount();
      }
    }
    return count;
  }
}
