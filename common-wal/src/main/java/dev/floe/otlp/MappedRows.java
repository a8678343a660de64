package dev.floe.otlp;

import dev.floe.schema.Signal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.data.Record;

/**
 * The rows made from one OTLP export request, per table, with Iceberg's internal value
 * representation (as {@code InternalWriter} writes them).
 *
 * @param rows rows per signal; a signal without rows may be absent; a log record with an event name
 *     has a row in both {@link Signal#LOGS} and {@link Signal#EVENTS}
 * @param accepted OTLP records (log records, spans, metric data points) that became rows
 * @param rejected OTLP records that were invalid and left out
 * @param rejectionMessage the first problem and how many more records were rejected; null when none
 *     was, the text for OTLP's partial success {@code error_message}
 */
public record MappedRows(Map<Signal, List<Record>> rows, int accepted, int rejected, String rejectionMessage) {

  public MappedRows {
    rows = Map.copyOf(rows);
    if ((rejected == 0) != (rejectionMessage == null)) {
      throw new IllegalArgumentException("a rejection message is required exactly when records were rejected");
    }
  }

  /** The rows for one table, empty if there are none. */
  public List<Record> rowsFor(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    return rows.getOrDefault(signal, List.of());
  }
}
