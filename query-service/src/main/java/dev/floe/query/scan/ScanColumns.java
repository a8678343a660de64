package dev.floe.query.scan;

import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The columns one scan decodes, resolved against the table schema: the requested ones plus those
 * the scan itself filters on (the timestamp, the label set). Checked before any file is opened, so a
 * column the scan cannot read fails the request with a clear message.
 */
record ScanColumns(Map<String, ColumnKind> kinds, String labelColumn) {
  // kinds iterates in decoding order: the timestamp first, then the label set, then the rest.
  private static final String NANOS_SUFFIX = "_nanos";

  static ScanColumns resolve(ScanRequest request, Schema schema) {
    Map<String, ColumnKind> kinds = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    names.add(Columns.TIMESTAMP);
    String label = request.labelFilter() == null ? null : labelColumn(request.signal());
    if (label != null) {
      names.add(label);
    }
    names.addAll(request.columns());
    for (String name : names) {
      Types.NestedField field = schema.asStruct().field(name);
      if (field == null) {
        throw new IllegalArgumentException(request.signal().id() + " has no column '" + name + "'");
      }
      if (name.endsWith(NANOS_SUFFIX) && isTimestamp(schema, name.substring(0, name.length() - NANOS_SUFFIX.length()))) {
        throw new IllegalArgumentException(
            "'" + name + "' is part of the timestamp column it completes; request that one, batches carry it in nanoseconds");
      }
      ColumnKind kind = ColumnKind.of(field.type());
      if (kind == null) {
        throw new UnsupportedOperationException(
            "the scan does not read column '" + name + "' of type " + field.type());
      }
      kinds.put(name, kind);
    }
    return new ScanColumns(Collections.unmodifiableMap(kinds), label);
  }

  private static boolean isTimestamp(Schema schema, String name) {
    Types.NestedField field = schema.asStruct().field(name);
    return field != null && ColumnKind.of(field.type()) == ColumnKind.TIMESTAMP;
  }

  /** The table's label-set column, or null for spans, which have none. */
  static String labelColumn(Signal signal) {
    return switch (signal) {
      case LOGS, EVENTS -> Columns.STREAM_LABELS;
      case METRICS -> Columns.SERIES_LABELS;
      case SPANS -> null;
    };
  }

  /** The column holding the sub-microsecond remainder of timestamp column {@code name}. */
  static String nanosColumn(String name) {
    return name + NANOS_SUFFIX;
  }
}
