package dev.floe.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.catalog.FloeCatalog;
import dev.floe.maintain.lifecycle.TableTask;
import dev.floe.maintain.lifecycle.TaskResult;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTaskRunnerTest {
  @TempDir Path dir;

  @Test
  void aTaskFailingOnOneTableStillRunsOnTheOthersAndTheFailureIsCounted() {
    Catalog catalog = TestTables.catalog(dir);
    Map<Signal, Table> tables = new FloeCatalog(catalog, "floe").ensureTables();
    // The first table of the run fails, so that the run would end there if failures stopped it.
    Signal failing = tables.keySet().iterator().next();
    List<Signal> ran = new ArrayList<>();
    TableTask task =
        new TableTask() {
          @Override
          public String name() {
            return "probe";
          }

          @Override
          public TaskResult run(Table table, Signal signal, Instant now) {
            ran.add(signal);
            if (signal == failing) {
              throw new IllegalStateException("injected failure on " + signal.id());
            }
            return TaskResult.changed(Map.of("touched", 1L), "ok");
          }
        };
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MaintainConfig config = IngestToIcebergTest.maintainConfig(dir, "runner", Duration.ofSeconds(1), Duration.ofSeconds(30));
    try (LocalObjectStore store = new LocalObjectStore(dir.resolve("store"))) {
      MaintenanceContext context = new MaintenanceContext(config, store, catalog, tables, meters, Clock.systemUTC());

      new TableTaskRunner(task, Duration.ofMinutes(1), context).run(() -> true);
    }

    assertThat(ran).containsExactlyInAnyOrderElementsOf(tables.keySet());
    assertThat(meters.get("floe.probe.failures").tag("signal", failing.id()).counter().count()).isEqualTo(1);
    for (Signal signal : tables.keySet()) {
      if (signal != failing) {
        assertThat(meters.get("floe.probe.touched").tag("signal", signal.id()).counter().count()).as(signal.id()).isEqualTo(1);
      }
    }
  }
}
