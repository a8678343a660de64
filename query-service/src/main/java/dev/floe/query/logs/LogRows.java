package dev.floe.query.logs;

import dev.floe.otlp.StreamLabels;
import dev.floe.query.Labels;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.IntColumn;
import dev.floe.query.scan.MapColumn;
import dev.floe.query.scan.StringColumn;
import dev.floe.schema.Columns;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads log rows of scan batches as Loki sees them: stream labels from {@code stream_labels}, and
 * structured metadata as Loki's OTLP convention makes it: log attributes, the resource attributes
 * that are not stream labels, scope name and version, trace and span ids, severity and {@code
 * detected_level}, with names sanitised like stream labels.
 */
final class LogRows {
  static final String[] COLUMNS = {
    Columns.STREAM_LABELS,
    Columns.TIMESTAMP,
    Columns.BODY,
    Columns.ATTRIBUTES,
    Columns.RESOURCE_ATTRIBUTES,
    Columns.SCOPE_NAME,
    Columns.SCOPE_VERSION,
    Columns.SEVERITY_NUMBER,
    Columns.SEVERITY_TEXT,
    Columns.TRACE_ID,
    Columns.SPAN_ID
  };

  private static final HexFormat HEX = HexFormat.of();

  /** Parsed stream label sets by their canonical text, shared across batches. */
  private final Map<String, Labels> streams = new HashMap<>();
  private final Map<String, String> sanitizedNames = new HashMap<>();

  /** The stream labels of the canonical text {@code streamLabels}, parsed once. */
  Labels stream(String streamLabels) {
    return streams.computeIfAbsent(streamLabels, Labels::parse);
  }

  Labels structuredMetadata(ColumnBatch batch, int row, Labels stream, String line) {
    Labels.Builder metadata = Labels.builder();
    MapColumn resource = batch.maps(Columns.RESOURCE_ATTRIBUTES);
    for (int entry = 0, size = resource.isNull(row) ? 0 : resource.size(row); entry < size; entry++) {
      String name = sanitized(resource.key(row, entry));
      if (!stream.has(name)) {
        metadata.set(name, resource.value(row, entry));
      }
    }
    StringColumn scopeName = batch.strings(Columns.SCOPE_NAME);
    if (!scopeName.isNull(row)) {
      metadata.set("scope_name", scopeName.get(row));
    }
    StringColumn scopeVersion = batch.strings(Columns.SCOPE_VERSION);
    if (!scopeVersion.isNull(row)) {
      metadata.set("scope_version", scopeVersion.get(row));
    }
    MapColumn attributes = batch.maps(Columns.ATTRIBUTES);
    for (int entry = 0, size = attributes.isNull(row) ? 0 : attributes.size(row); entry < size; entry++) {
      metadata.set(sanitized(attributes.key(row, entry)), attributes.value(row, entry));
    }
    hex(batch.strings(Columns.TRACE_ID), row, "trace_id", metadata);
    hex(batch.strings(Columns.SPAN_ID), row, "span_id", metadata);
    IntColumn severityNumber = batch.ints(Columns.SEVERITY_NUMBER);
    int number = severityNumber.isNull(row) ? 0 : severityNumber.get(row);
    if (number != 0) {
      metadata.set("severity_number", Integer.toString(number));
    }
    StringColumn severityText = batch.strings(Columns.SEVERITY_TEXT);
    String text = severityText.isNull(row) ? null : severityText.get(row);
    if (text != null) {
      metadata.set("severity_text", text);
    }
    if (!stream.has(DetectedLevel.LABEL) && metadata.get(DetectedLevel.LABEL).isEmpty()) {
      metadata.set(DetectedLevel.LABEL, detectedLevel(number, text, metadata, line));
    }
    return metadata.build();
  }

  private static String detectedLevel(int severityNumber, String severityText, Labels.Builder metadata, String line) {
    String level = DetectedLevel.ofSeverityNumber(severityNumber);
    if (level == null) {
      level = DetectedLevel.ofText(severityText);
    }
    if (level == null) {
      level = DetectedLevel.ofText(metadata.get("level"));
    }
    if (level == null) {
      level = DetectedLevel.ofLine(line);
    }
    return level == null ? DetectedLevel.UNKNOWN : level;
  }

  private String sanitized(String attribute) {
    return sanitizedNames.computeIfAbsent(attribute, StreamLabels::labelName);
  }

  private static void hex(StringColumn ids, int row, String name, Labels.Builder metadata) {
    if (ids.isNull(row)) {
      return;
    }
    ByteBuffer bytes = ids.bytes(row);
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    if (copy.length > 0) {
      metadata.set(name, HEX.formatHex(copy));
    }
  }
}
