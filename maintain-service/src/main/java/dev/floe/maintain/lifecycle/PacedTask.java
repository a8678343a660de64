package dev.floe.maintain.lifecycle;

import dev.floe.schema.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.Table;

/**
 * Runs a task on a table at most once per interval, so that the leader can call every task on
 * every loop while expensive tasks (a full listing of a table location) still run rarely. A failed
 * run counts as a run: a failing task is retried after the interval, not on every loop.
 *
 * <p>Run times are kept in memory; a new leader runs every task once, then keeps the pace.
 */
final class PacedTask implements MaintenanceTask {
  private final MaintenanceTask task;
  private final Duration interval;
  private final Map<String, Instant> lastRuns = new ConcurrentHashMap<>();

  PacedTask(MaintenanceTask task, Duration interval) {
    this.task = task;
    this.interval = interval;
  }

  @Override
  public String name() {
    return task.name();
  }

  @Override
  public TaskResult run(Table table, Signal signal, Instant now) {
    Instant last = lastRuns.get(table.name());
    if (last != null && now.isBefore(last.plus(interval))) {
      return TaskResult.notDue("next run after " + last.plus(interval));
    }
    lastRuns.put(table.name(), now);
    return task.run(table, signal, now);
  }
}
