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
 * Span.Resource} and {@link Span.Scope} instance. One instance per batch stream; not thread-safe.
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

  Span span(ColumnBatch batch, int row) {
    ListColumn events = batch.lists(EVENTS);
    ListColumn links = batch.lists(LINKS);
    return new Span(
        batch.tenant(),
        bytes(batch.strings(TRACE_ID), row),
        bytes(batch.strings(SPAN_ID), row),
        bytes(batch.strings(PARENT_SPAN_ID), row),
        text(batch.strings(TRACE_STATE), row),
        integer(batch.ints(FLAGS), row),
        text(batch.strings(NAME), row),
        integer(batch.ints(KIND), row),
        integer(batch.ints(STATUS_CODE), row),
        text(batch.strings(STATUS_MESSAGE), row),
        batch.longs(TIMESTAMP).get(row),
        batch.longs(END_TIMESTAMP).get(row),
        map(batch.maps(ATTRIBUTES), row),
        integer(batch.ints(DROPPED_ATTRIBUTES_COUNT), row),
        events(events, row),
        integer(batch.ints(DROPPED_EVENTS_COUNT), row),
        links(links, row),
        integer(batch.ints(DROPPED_LINKS_COUNT), row),
        resource(batch, row),
        scope(batch, row),
        map(batch.maps(VALUE_TYPES), row));
  }

  private Span.Resource resource(ColumnBatch batch, int row) {
    Span.Resource resource =
        new Span.Resource(
            text(batch.strings(SERVICE_NAME), row),
            map(batch.maps(RESOURCE_ATTRIBUTES), row),
            text(batch.strings(RESOURCE_SCHEMA_URL), row),
            integer(batch.ints(RESOURCE_DROPPED_ATTRIBUTES_COUNT), row));
    if (!resource.equals(lastResource)) {
      lastResource = resource;
    }
    return lastResource;
  }

  private Span.Scope scope(ColumnBatch batch, int row) {
    Span.Scope scope =
        new Span.Scope(
            text(batch.strings(SCOPE_NAME), row),
            text(batch.strings(SCOPE_VERSION), row),
            map(batch.maps(SCOPE_ATTRIBUTES), row),
            text(batch.strings(SCOPE_SCHEMA_URL), row),
            integer(batch.ints(SCOPE_DROPPED_ATTRIBUTES_COUNT), row));
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
