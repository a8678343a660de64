package dev.floe.query.logs;

import dev.floe.otlp.StreamLabels;
import dev.floe.lang.Labels;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.IntColumn;
import dev.floe.query.scan.MapColumn;
import dev.floe.query.scan.StringColumn;
import dev.floe.schema.Columns;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Reads log rows of scan batches as Loki sees them: stream labels from {@code stream_labels}, and
 * structured metadata as Loki's OTLP convention makes it: log attributes, the resource attributes
 * that are not stream labels, scope name and version, trace and span ids, severity and {@code
 * detected_level}, with names sanitised like stream labels.
 *
 * <p>When the query observes only some metadata names, only those are built, and a batch's columns
 * that cannot hold them are not read at all (a map column whose row group has no such key, for one).
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
  private static final String LEVEL = "level";

  /** The metadata names to build, or null for all. */
  private final Set<String> wanted;
  /** Parsed stream label sets by their canonical text, shared across batches. */
  private final Map<String, Labels> streams = new HashMap<>();
  private final Map<String, String> sanitizedNames = new HashMap<>();
  // For the current batch: whether each attribute map can hold a wanted name, and a level.
  private boolean resourceWanted = true;
  private boolean resourceLevel = true;
  private boolean attributesWanted = true;
  private boolean attributesLevel = true;

  /** Rows whose metadata holds every name. */
  LogRows() {
    this(null);
  }

  /** Rows whose metadata holds only {@code names}, or every name when null. */
  LogRows(Set<String> names) {
    this.wanted = names == null ? null : Set.copyOf(names);
  }

  /** The stream labels of the canonical text {@code streamLabels}, parsed once. */
  Labels stream(String streamLabels) {
    return streams.computeIfAbsent(streamLabels, Labels::parse);
  }

  /**
   * Prepares for the rows of {@code batch}: when only some names are wanted, finds from the row group's
   * key dictionaries which attribute maps can hold them, so that the others are not read.
   */
  void startBatch(ColumnBatch batch) {
    if (wanted == null) {
      return;
    }
    Set<String> resource = keyNames(batch, Columns.RESOURCE_ATTRIBUTES);
    resourceWanted = resource == null || !Collections.disjoint(resource, wanted);
    resourceLevel = resource == null || resource.contains(LEVEL);
    Set<String> attributes = keyNames(batch, Columns.ATTRIBUTES);
    attributesWanted = attributes == null || !Collections.disjoint(attributes, wanted);
    attributesLevel = attributes == null || attributes.contains(LEVEL);
  }

  Labels structuredMetadata(ColumnBatch batch, int row, Labels stream, String line) {
    Labels.Builder metadata = Labels.builder();
    if (resourceWanted) {
      MapColumn resource = batch.maps(Columns.RESOURCE_ATTRIBUTES);
      for (int entry = 0, size = resource.isNull(row) ? 0 : resource.size(row); entry < size; entry++) {
        String name = sanitized(resource.key(row, entry));
        if (wants(name) && !stream.has(name)) {
          metadata.set(name, resource.value(row, entry));
        }
      }
    }
    if (wants("scope_name")) {
      set(metadata, "scope_name", batch.strings(Columns.SCOPE_NAME), row);
    }
    if (wants("scope_version")) {
      set(metadata, "scope_version", batch.strings(Columns.SCOPE_VERSION), row);
    }
    if (attributesWanted) {
      MapColumn attributes = batch.maps(Columns.ATTRIBUTES);
      for (int entry = 0, size = attributes.isNull(row) ? 0 : attributes.size(row); entry < size; entry++) {
        String name = sanitized(attributes.key(row, entry));
        if (wants(name)) {
          metadata.set(name, attributes.value(row, entry));
        }
      }
    }
    if (wants("trace_id")) {
      hex(batch.strings(Columns.TRACE_ID), row, "trace_id", metadata);
    }
    if (wants("span_id")) {
      hex(batch.strings(Columns.SPAN_ID), row, "span_id", metadata);
    }
    boolean detect = wants(DetectedLevel.LABEL) && !stream.has(DetectedLevel.LABEL);
    int number = 0;
    if (wants("severity_number") || detect) {
      IntColumn severityNumber = batch.ints(Columns.SEVERITY_NUMBER);
      number = severityNumber.isNull(row) ? 0 : severityNumber.get(row);
      if (number != 0 && wants("severity_number")) {
        metadata.set("severity_number", Integer.toString(number));
      }
    }
    String text = null;
    if (wants("severity_text") || detect) {
      StringColumn severityText = batch.strings(Columns.SEVERITY_TEXT);
      text = severityText.isNull(row) ? null : severityText.get(row);
      if (text != null && wants("severity_text")) {
        metadata.set("severity_text", text);
      }
    }
    if (detect && metadata.get(DetectedLevel.LABEL).isEmpty()) {
      metadata.set(DetectedLevel.LABEL, detectedLevel(batch, row, stream, number, text, metadata, line));
    }
    return metadata.build();
  }

  private boolean wants(String name) {
    return wanted == null || wanted.contains(name);
  }

  /** The sanitised names of the keys {@code column} can hold in this batch, or null when not known. */
  private Set<String> keyNames(ColumnBatch batch, String column) {
    Set<String> keys = batch.mapKeys(column);
    if (keys == null) {
      return null;
    }
    Set<String> names = new HashSet<>();
    keys.forEach(key -> names.add(sanitized(key)));
    return names;
  }

  private String detectedLevel(
      ColumnBatch batch, int row, Labels stream, int severityNumber, String severityText, Labels.Builder metadata, String line) {
    String level = DetectedLevel.ofSeverityNumber(severityNumber);
    if (level == null) {
      level = DetectedLevel.ofText(severityText);
    }
    if (level == null) {
      level = DetectedLevel.ofText(wants(LEVEL) ? metadata.get(LEVEL) : levelAttribute(batch, row, stream));
    }
    if (level == null) {
      level = DetectedLevel.ofLine(line);
    }
    return level == null ? DetectedLevel.UNKNOWN : level;
  }

  /** The {@code level} metadata of a row whose other metadata was not built: a log attribute, else a resource one. */
  private String levelAttribute(ColumnBatch batch, int row, Labels stream) {
    String level = attributesLevel ? lastLevel(batch.maps(Columns.ATTRIBUTES), row) : null;
    if (level == null && !stream.has(LEVEL) && resourceLevel) {
      level = lastLevel(batch.maps(Columns.RESOURCE_ATTRIBUTES), row);
    }
    return level;
  }

  /** The value of the row's last entry named {@code level}, or null. */
  private String lastLevel(MapColumn map, int row) {
    String value = null;
    for (int entry = 0, size = map.isNull(row) ? 0 : map.size(row); entry < size; entry++) {
      if (sanitized(map.key(row, entry)).equals(LEVEL)) {
        value = map.value(row, entry);
      }
    }
    return value;
  }

  private String sanitized(String attribute) {
    return sanitizedNames.computeIfAbsent(attribute, StreamLabels::labelName);
  }

  private static void set(Labels.Builder metadata, String name, StringColumn column, int row) {
    if (!column.isNull(row)) {
      metadata.set(name, column.get(row));
    }
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
