package dev.floe.maintain;

import dev.floe.schema.Signal;
import dev.floe.store.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;

/**
 * What a {@link MaintenanceTask} may use: the configuration, the object store holding the WAL, the
 * catalog and the loaded Floe tables (shared by every task; tasks run on one thread), the meter
 * registry and the clock.
 */
public record MaintenanceContext(
    MaintainConfig config,
    ObjectStore store,
    Catalog catalog,
    Map<Signal, Table> tables,
    MeterRegistry meters,
    Clock clock) {

  public MaintenanceContext {
    tables = Map.copyOf(tables);
  }
}
