package dev.floe.otlp;

import static dev.floe.schema.Columns.ATTRIBUTES;
import static dev.floe.schema.Columns.BODY;
import static dev.floe.schema.Columns.DROPPED_ATTRIBUTES_COUNT;
import static dev.floe.schema.Columns.EVENT_NAME;
import static dev.floe.schema.Columns.FLAGS;
import static dev.floe.schema.Columns.OBSERVED_TIMESTAMP;
import static dev.floe.schema.Columns.OBSERVED_TIMESTAMP_NANOS;
import static dev.floe.schema.Columns.SEVERITY_NUMBER;
import static dev.floe.schema.Columns.SEVERITY_TEXT;
import static dev.floe.schema.Columns.SPAN_ID;
import static dev.floe.schema.Columns.STREAM_FINGERPRINT;
import static dev.floe.schema.Columns.STREAM_LABELS;
import static dev.floe.schema.Columns.TIMESTAMP;
import static dev.floe.schema.Columns.TIMESTAMP_NANOS;
import static dev.floe.schema.Columns.TRACE_ID;
import static dev.floe.schema.Columns.VALUE_TYPES;

import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Maps OTLP log records to rows of the logs table, and those with an event name also to the events
 * table. A record without a time gets its observed time, and one without either the receive time (as
 * Loki does); a missing observed time is the receive time.
 */
final class LogsMapper {
  private static final String BODY_TAG = "body";
  private static final String ATTRIBUTES_PREFIX = "attributes.";

  private static final RowTemplate LOG = RowTemplate.of(FloeTables.LOGS.schema());
  private static final RowTemplate EVENT = RowTemplate.of(FloeTables.EVENTS.schema());
  private static final ResourceScope.Columns COMMON = new ResourceScope.Columns(LOG);
  private static final int TIMESTAMP_POS = LOG.position(TIMESTAMP);
  private static final int TIMESTAMP_NANOS_POS = LOG.position(TIMESTAMP_NANOS);
  private static final int OBSERVED_POS = LOG.position(OBSERVED_TIMESTAMP);
  private static final int OBSERVED_NANOS_POS = LOG.position(OBSERVED_TIMESTAMP_NANOS);
  private static final int STREAM_LABELS_POS = LOG.position(STREAM_LABELS);
  private static final int STREAM_FINGERPRINT_POS = LOG.position(STREAM_FINGERPRINT);
  private static final int SEVERITY_NUMBER_POS = LOG.position(SEVERITY_NUMBER);
  private static final int SEVERITY_TEXT_POS = LOG.position(SEVERITY_TEXT);
  private static final int BODY_POS = LOG.position(BODY);
  private static final int TRACE_ID_POS = LOG.position(TRACE_ID);
  private static final int SPAN_ID_POS = LOG.position(SPAN_ID);
  private static final int FLAGS_POS = LOG.position(FLAGS);
  private static final int EVENT_NAME_POS = LOG.position(EVENT_NAME);
  private static final int ATTRIBUTES_POS = LOG.position(ATTRIBUTES);
  private static final int DROPPED_POS = LOG.position(DROPPED_ATTRIBUTES_COUNT);
  private static final int VALUE_TYPES_POS = LOG.position(VALUE_TYPES);

  static {
    // Event rows are copies of log rows by position.
    if (!LOG.struct().equals(EVENT.struct())) {
      throw new IllegalStateException("the logs and events tables must have the same columns");
    }
  }

  private final MappingLimits limits;
  private final StreamLabels streamLabels;

  LogsMapper(MappingLimits limits, StreamLabels streamLabels) {
    this.limits = limits;
    this.streamLabels = streamLabels;
  }

  MappedRows map(String tenant, ExportLogsServiceRequest request, long receiveNanos) {
    MappingContext context = new MappingContext(tenant, limits, receiveNanos);
    List<Record> logs = new ArrayList<>(countRecords(request));
    List<Record> events = new ArrayList<>(0);
    List<ResourceLogs> resources = request.getResourceLogsList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceLogs resourceLogs = resources.get(r);
      ResourceScope resource =
          ResourceScope.ofResource(resourceLogs.getResource(), resourceLogs.getSchemaUrl(), context);
      StreamLabels.Stream stream = streamLabels.streamOf(resource.resourceAttributes);
      Long fingerprint = stream.fingerprint();
      List<ScopeLogs> scopes = resourceLogs.getScopeLogsList();
      for (int s = 0; s < scopes.size(); s++) {
        ScopeLogs scopeLogs = scopes.get(s);
        ResourceScope scope = resource.withScope(scopeLogs.getScope(), scopeLogs.getSchemaUrl(), context);
        List<LogRecord> records = scopeLogs.getLogRecordsList();
        for (int i = 0; i < records.size(); i++) {
          LogRecord record = records.get(i);
          GenericRecord row = map(context, scope, record);
          if (row == null) {
            if (context.countRejection()) {
              context.describeFirstRejection("log record " + i + " of scope " + s + " of resource " + r);
            }
            continue;
          }
          row.set(STREAM_LABELS_POS, stream.labels());
          row.set(STREAM_FINGERPRINT_POS, fingerprint);
          logs.add(row);
          if (!record.getEventName().isEmpty()) {
            events.add(copyAsEvent(row));
          }
        }
      }
    }
    Map<Signal, List<Record>> rows = new EnumMap<>(Signal.class);
    rows.put(Signal.LOGS, Collections.unmodifiableList(logs));
    if (!events.isEmpty()) {
      rows.put(Signal.EVENTS, Collections.unmodifiableList(events));
    }
    return new MappedRows(rows, logs.size(), context.rejected(), context.rejectionMessage());
  }

  /** The row for a record, or null with the reason in the context's problem. */
  private static GenericRecord map(MappingContext context, ResourceScope scope, LogRecord record) {
    if (scope.problem != null) {
      return context.fail(scope.problem);
    }
    String problem = Ids.checkOptional("trace_id", record.getTraceId(), Ids.TRACE_ID_BYTES);
    if (problem == null) {
      problem = Ids.checkOptional("span_id", record.getSpanId(), Ids.SPAN_ID_BYTES);
    }
    if (problem == null) {
      problem = context.checkAttributeCount(scope.attributeCount + record.getAttributesCount());
    }
    long time = record.getTimeUnixNano();
    long observed = record.getObservedTimeUnixNano();
    if (problem == null) {
      if (time != 0) {
        problem = context.checkTime("time_unix_nano", time);
      } else if (observed != 0) {
        problem = context.checkTime("observed_time_unix_nano", observed);
      }
    }
    if (problem != null) {
      return context.fail(problem);
    }
    if (observed == 0) {
      observed = context.receiveNanos();
    }
    if (time == 0) {
      time = observed;
    }
    context.beginTypes(scope.valueTypes);
    Map<String, String> attributes = context.attributes(record.getAttributesList(), ATTRIBUTES_PREFIX, -1);
    if (attributes == null) {
      return null;
    }
    String body = null;
    if (record.hasBody()) {
      body = context.value(record.getBody(), BODY_TAG);
      if (body == null) {
        return null;
      }
    }
    GenericRecord row = LOG.newRow();
    scope.fill(row, COMMON, context.tenant);
    row.set(TIMESTAMP_POS, Timestamps.micros(time));
    row.set(TIMESTAMP_NANOS_POS, Timestamps.nanosRemainder(time));
    row.set(OBSERVED_POS, Timestamps.micros(observed));
    row.set(OBSERVED_NANOS_POS, Timestamps.nanosRemainder(observed));
    row.set(SEVERITY_NUMBER_POS, record.getSeverityNumberValue());
    row.set(SEVERITY_TEXT_POS, ResourceScope.emptyToNull(record.getSeverityText()));
    row.set(BODY_POS, body);
    row.set(TRACE_ID_POS, Ids.toBuffer(record.getTraceId()));
    row.set(SPAN_ID_POS, Ids.toBuffer(record.getSpanId()));
    row.set(FLAGS_POS, record.getFlags());
    row.set(EVENT_NAME_POS, ResourceScope.emptyToNull(record.getEventName()));
    row.set(ATTRIBUTES_POS, attributes);
    row.set(DROPPED_POS, record.getDroppedAttributesCount());
    row.set(VALUE_TYPES_POS, context.endTypes());
    return row;
  }

  /** The same row content for the events table; buffers are duplicated so each row has its own position. */
  private static GenericRecord copyAsEvent(GenericRecord log) {
    GenericRecord event = EVENT.newRow();
    for (int i = 0; i < log.size(); i++) {
      Object value = log.get(i);
      event.set(i, value instanceof ByteBuffer ? ((ByteBuffer) value).duplicate() : value);
    }
    return event;
  }

  private static int countRecords(ExportLogsServiceRequest request) {
    int count = 0;
    for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
      for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
        count += scopeLogs.getLogRecordsCount();
      }
    }
    return count;
  }
}
