package dev.floe.query.traces;

import static dev.floe.schema.Columns.ATTRIBUTES;
import static dev.floe.schema.Columns.DROPPED_ATTRIBUTES_COUNT;
import static dev.floe.schema.Columns.DROPPED_EVENTS_COUNT;
import static dev.floe.schema.Columns.DROPPED_LINKS_COUNT;
import static dev.floe.schema.Columns.END_TIMESTAMP;
import static dev.floe.schema.Columns.EVENTS;
import static dev.floe.schema.Columns.FLAGS;
import static dev.floe.schema.Columns.KIND;
import static dev.floe.schema.Columns.LINKS;
import static dev.floe.schema.Columns.NAME;
import static dev.floe.schema.Columns.PARENT_SPAN_ID;
import static dev.floe.schema.Columns.RESOURCE_ATTRIBUTES;
import static dev.floe.schema.Columns.RESOURCE_DROPPED_ATTRIBUTES_COUNT;
import static dev.floe.schema.Columns.RESOURCE_SCHEMA_URL;
import static dev.floe.schema.Columns.SCOPE_ATTRIBUTES;
import static dev.floe.schema.Columns.SCOPE_DROPPED_ATTRIBUTES_COUNT;
import static dev.floe.schema.Columns.SCOPE_NAME;
import static dev.floe.schema.Columns.SCOPE_SCHEMA_URL;
import static dev.floe.schema.Columns.SCOPE_VERSION;
import static dev.floe.schema.Columns.SERVICE_NAME;
import static dev.floe.schema.Columns.SPAN_ID;
import static dev.floe.schema.Columns.STATUS_CODE;
import static dev.floe.schema.Columns.STATUS_MESSAGE;
import static dev.floe.schema.Columns.TIMESTAMP;
import static dev.floe.schema.Columns.TIME_UNIX_NANO;
import static dev.floe.schema.Columns.TRACE_ID;
import static dev.floe.schema.Columns.TRACE_STATE;
import static dev.floe.schema.Columns.VALUE_TYPES;

import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.IntColumn;
import dev.floe.query.scan.ListColumn;
import dev.floe.query.scan.LongColumn;
import dev.floe.query.scan.MapColumn;
import dev.floe.query.scan.StringColumn;
import dev.floe.traces.Span;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds {@link Span}s from the rows of a {@code spans} batch. Consecutive spans of one resource and
 * scope (rows are written per request, so neighbours usually share them) share one {@link
 * Span.Resource} and {@link Span.Scope} instance. A batch's column vectors are looked up once, at
 * its first span. One instance per batch stream; not thread-safe.
 */
final class SpanRows {
  /** The {@code spans} columns a span is built from (the timestamp comes with every batch). */
  static final String[] COLUMNS = {
    TRACE_ID, SPAN_ID, PARENT_SPAN_ID, TRACE_STATE, FLAGS, NAME, KIND, STATUS_CODE, STATUS_MESSAGE, END_TIMESTAMP,
    SERVICE_NAME, ATTRIBUTES, DROPPED_ATTRIBUTES_COUNT, EVENTS, DROPPED_EVENTS_COUNT, LINKS, DROPPED_LINKS_COUNT,
    RESOURCE_ATTRIBUTES, RESOURCE_SCHEMA_URL, RESOURCE_DROPPED_ATTRIBUTES_COUNT, SCOPE_NAME, SCOPE_VERSION,
    SCOPE_ATTRIBUTES, SCOPE_SCHEMA_URL, SCOPE_DROPPED_ATTRIBUTES_COUNT, VALUE_TYPES
  };

  private static final byte[] NO_ID = new byte[0];

  private Span.Resource lastResource;
  private Span.Scope lastScope;

  private ColumnBatch batch;
  private boolean resolved;
  private StringColumn traceIds;
  private StringColumn spanIds;
  private StringColumn parentIds;
  private StringColumn traceStates;
  private IntColumn flags;
  private StringColumn names;
  private IntColumn kinds;
  private IntColumn statusCodes;
  private StringColumn statusMessages;
  private LongColumn starts;
  private LongColumn ends;
  private MapColumn attributes;
  private IntColumn droppedAttributes;
  private ListColumn events;
  private IntColumn droppedEvents;
  private ListColumn links;
  private IntColumn droppedLinks;
  private StringColumn services;
  private MapColumn resourceAttributes;
  private StringColumn resourceSchemaUrls;
  private IntColumn resourceDropped;
  private StringColumn scopeNames;
  private StringColumn scopeVersions;
  private MapColumn scopeAttributes;
  private StringColumn scopeSchemaUrls;
  private IntColumn scopeDropped;
  private MapColumn valueTypes;

  /**
   * Starts reading a new batch; its columns are looked up (and so decoded) at the first {@link #span}
   * of it, not per row, and not at all when no span of it is built.
   */
  void startBatch(ColumnBatch next) {
    this.batch = next;
    this.resolved = false;
  }

  /** The span of row {@code row} of the current batch. */
  Span span(int row) {
    if (!resolved) {
      resolve();
    }
    return new Span(
        batch.tenant(),
        bytes(traceIds, row),
        bytes(spanIds, row),
        bytes(parentIds, row),
        text(traceStates, row),
        integer(flags, row),
        text(names, row),
        integer(kinds, row),
        integer(statusCodes, row),
        text(statusMessages, row),
        starts.get(row),
        ends.get(row),
        map(attributes, row),
        integer(droppedAttributes, row),
        events(events, row),
        integer(droppedEvents, row),
        links(links, row),
        integer(droppedLinks, row),
        resource(row),
        scope(row),
        map(valueTypes, row));
  }

  private void resolve() {
    traceIds = batch.strings(TRACE_ID);
    spanIds = batch.strings(SPAN_ID);
    parentIds = batch.strings(PARENT_SPAN_ID);
    traceStates = batch.strings(TRACE_STATE);
    flags = batch.ints(FLAGS);
    names = batch.strings(NAME);
    kinds = batch.ints(KIND);
    statusCodes = batch.ints(STATUS_CODE);
    statusMessages = batch.strings(STATUS_MESSAGE);
    starts = batch.longs(TIMESTAMP);
    ends = batch.longs(END_TIMESTAMP);
    attributes = batch.maps(ATTRIBUTES);
    droppedAttributes = batch.ints(DROPPED_ATTRIBUTES_COUNT);
    events = batch.lists(EVENTS);
    droppedEvents = batch.ints(DROPPED_EVENTS_COUNT);
    links = batch.lists(LINKS);
    droppedLinks = batch.ints(DROPPED_LINKS_COUNT);
    services = batch.strings(SERVICE_NAME);
    resourceAttributes = batch.maps(RESOURCE_ATTRIBUTES);
    resourceSchemaUrls = batch.strings(RESOURCE_SCHEMA_URL);
    resourceDropped = batch.ints(RESOURCE_DROPPED_ATTRIBUTES_COUNT);
    scopeNames = batch.strings(SCOPE_NAME);
    scopeVersions = batch.strings(SCOPE_VERSION);
    scopeAttributes = batch.maps(SCOPE_ATTRIBUTES);
    scopeSchemaUrls = batch.strings(SCOPE_SCHEMA_URL);
    scopeDropped = batch.ints(SCOPE_DROPPED_ATTRIBUTES_COUNT);
    valueTypes = batch.maps(VALUE_TYPES);
    resolved = true;
  }

  private Span.Resource resource(int row) {
    Span.Resource resource =
        new Span.Resource(
            text(services, row), map(resourceAttributes, row), text(resourceSchemaUrls, row),
            integer(resourceDropped, row));
    if (!resource.equals(lastResource)) {
      lastResource = resource;
    }
    return lastResource;
  }

  private Span.Scope scope(int row) {
    Span.Scope scope =
        new Span.Scope(
            text(scopeNames, row), text(scopeVersions, row), map(scopeAttributes, row), text(scopeSchemaUrls, row),
            integer(scopeDropped, row));
    if (!scope.equals(lastScope)) {
      lastScope = scope;
    }
    return lastScope;
  }

  private static List<Span.SpanEvent> events(ListColumn list, int row) {
    if (list.isNull(row) || list.size(row) == 0) {
      return List.of();
    }
    List<Span.SpanEvent> events = new ArrayList<>(list.size(row));
    for (int entry = list.start(row); entry < list.start(row) + list.size(row); entry++) {
      events.add(
          new Span.SpanEvent(
              list.longs(TIME_UNIX_NANO).get(entry),
              text(list.strings(NAME), entry),
              map(list.maps(ATTRIBUTES), entry),
              integer(list.ints(DROPPED_ATTRIBUTES_COUNT), entry)));
    }
    return Collections.unmodifiableList(events);
  }

  private static List<Span.SpanLink> links(ListColumn list, int row) {
    if (list.isNull(row) || list.size(row) == 0) {
      return List.of();
    }
    List<Span.SpanLink> links = new ArrayList<>(list.size(row));
    for (int entry = list.start(row); entry < list.start(row) + list.size(row); entry++) {
      links.add(
          new Span.SpanLink(
              bytes(list.strings(TRACE_ID), entry),
              bytes(list.strings(SPAN_ID), entry),
              text(list.strings(TRACE_STATE), entry),
              integer(list.ints(FLAGS), entry),
              map(list.maps(ATTRIBUTES), entry),
              integer(list.ints(DROPPED_ATTRIBUTES_COUNT), entry)));
    }
    return Collections.unmodifiableList(links);
  }

  /** The bytes of a fixed or binary value; empty for null. */
  static byte[] bytes(StringColumn column, int row) {
    ByteBuffer value = column.bytes(row);
    if (value == null) {
      return NO_ID;
    }
    byte[] bytes = new byte[value.remaining()];
    value.get(bytes);
    return bytes;
  }

  /** A string value; "" for null, as OTLP has no absent strings. */
  private static String text(StringColumn column, int row) {
    return Objects.requireNonNullElse(column.get(row), "");
  }

  private static int integer(IntColumn column, int row) {
    return column.isNull(row) ? 0 : column.get(row);
  }

  private static Map<String, String> map(MapColumn column, int row) {
    if (column.isNull(row) || column.size(row) == 0) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int entry = 0; entry < column.size(row); entry++) {
      map.put(column.key(row, entry), column.value(row, entry));
    }
    return Collections.unmodifiableMap(map);
  }
}
