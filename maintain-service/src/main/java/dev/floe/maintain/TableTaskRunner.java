package dev.floe.maintain;

import dev.floe.maintain.lifecycle.TableTask;
import dev.floe.maintain.lifecycle.TaskResult;
import dev.floe.schema.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one lifecycle task over every Floe table, and reports what it did: each count of its result
 * becomes the counter {@code floe.<task>.<count>} tagged with the signal (for example {@code
 * floe.retention.deleted.records}). A table on which the task throws is logged and counted in
 * {@code floe.<task>.failures}; the task still runs on the other tables.
 */
final class TableTaskRunner implements MaintenanceTask {
  private static final Logger LOG = LoggerFactory.getLogger(TableTaskRunner.class);

  private final TableTask task;
  private final Duration interval;
  private final Map<Signal, Table> tables;
  private final MeterRegistry meters;
  private final Clock clock;

  TableTaskRunner(TableTask task, Duration interval, MaintenanceContext context) {
    this.task = task;
    this.interval = interval;
    this.tables = context.tables();
    this.meters = context.meters();
    this.clock = context.clock();
  }

  @Override
  public String name() {
    return task.name();
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
      TaskResult result;
      try {
        table.refresh();
        result = task.run(table, entry.getKey(), clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("{} on {} failed; the other tables go on and it runs again later", task.name(), table.name(), e);
        counter("failures", entry.getKey()).increment();
        continue;
      }
      result.counts().forEach((count, value) -> counter(count, entry.getKey()).increment(value));
      switch (result.status()) {
        case CHANGED -> LOG.info("{} on {}: {} {}", task.name(), table.name(), result.counts(), result.detail());
        case CONFLICT -> LOG.info("{} on {} lost a commit race and runs again later: {}", task.name(), table.name(), result.detail());
        case REFUSED -> LOG.warn("{} on {} refused to run: {}", task.name(), table.name(), result.detail());
        case UNCHANGED -> LOG.debug("{} on {}: nothing to do", task.name(), table.name());
      }
    }
  }

  private Counter counter(String count, Signal signal) {
    return Counter.builder("floe." + task.name() + "." + count).tag("signal", signal.id()).register(meters);
  }
}
