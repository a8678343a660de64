package dev.floe.maintain;

import dev.floe.maintain.cleanup.WalCleanup;
import dev.floe.schema.Signal;
import dev.floe.wal.Watermarks;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.Table;

/** Deletes the compacted WAL segments of every signal once their grace period is over. */
final class CleanupTask implements MaintenanceTask {
  private final Map<Signal, Table> tables;
  private final WalCleanup cleanup;
  private final Duration interval;

  CleanupTask(MaintenanceContext context) {
    this.tables = context.tables();
    this.interval = context.config().cleanup().interval();
    this.cleanup =
        new WalCleanup(context.store(), context.config().cleanup().gracePeriod(), context.clock(), context.meters());
  }

  @Override
  public String name() {
    return "wal-cleanup";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void run(BooleanSupplier leading) {
    for (Map.Entry<Signal, Table> entry : tables.entrySet()) {
      if (!leading.getAsBoolean()) {
        return;
      }
      Table table = entry.getValue();
      // A fresh watermark: only segments whose rows are committed by now may go.
      table.refresh();
      cleanup.clean(entry.getKey(), Watermarks.of(table.properties()));
    }
  }
}
