package dev.floe.maintain;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A periodic job that only the leader runs: compaction, WAL cleanup, and the lake's lifecycle
 * (retention, snapshot expiry, orphan files, small-file rewrite). The leader runs the tasks one after
 * another on one thread, in the order they were registered, each when its interval has passed since
 * it last ran.
 */
public interface MaintenanceTask {
  /** Short name for logs and the {@code task} tag of the task meters. */
  String name();

  /** Pause between two runs. */
  Duration interval();

  /**
   * Runs the task once. A long task checks {@code leading} between steps and returns early once it
   * is false: leadership was lost or the service is stopping. Exceptions are logged and counted; the
   * task runs again after its interval.
   */
  void run(BooleanSupplier leading) throws Exception;

  /** Creates a task from the service's resources when the service starts. */
  @FunctionalInterface
  interface Factory {
    MaintenanceTask create(MaintenanceContext context);
  }
}
