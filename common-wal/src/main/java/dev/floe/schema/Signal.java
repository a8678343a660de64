package dev.floe.schema;

import java.util.Locale;

/** The kinds of telemetry Floe stores, one Iceberg table and one WAL stream each. */
public enum Signal {
  LOGS(FloeTables.LOGS),
  SPANS(FloeTables.SPANS),
  METRICS(FloeTables.METRICS),
  /** Log records that carry an {@code event.name}; they are also written to {@link #LOGS}. */
  EVENTS(FloeTables.EVENTS);

  private final TableDefinition table;

  Signal(TableDefinition table) {
    this.table = table;
  }

  /** The Iceberg table that holds this signal. */
  public TableDefinition table() {
    return table;
  }

  /** The lower-case name used in WAL keys, table names and metric tags. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()}; throws {@link IllegalArgumentException} naming the bad value. */
  public static Signal fromId(String id) {
    for (Signal signal : values()) {
      if (signal.id().equals(id)) {
        return signal;
      }
    }
    throw new IllegalArgumentException("unknown signal '" + id + "'");
  }
}
