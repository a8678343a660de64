package dev.floe.maintain.lifecycle;

import dev.floe.schema.Signal;
import java.time.Instant;
import org.apache.iceberg.Table;

/**
 * One kind of table maintenance. The maintain service's leader calls {@link #run} periodically for
 * every Floe table; a task must be safe to run again at any time, after a failure, and concurrently
 * with ingestion's commits (it may lose a commit race, never corrupt the table).
 */
public interface TableTask {

  /** A short, stable name for logs and metric names, such as {@code retention}. */
  String name();

  /**
   * Maintains {@code table} once.
   *
   * @param table the table, freshly loaded or refreshed by the caller
   * @param signal the signal the table holds
   * @param now the current time; tasks compute ages and cutoffs from it, never from the clock
   * @throws RuntimeException for failures other than a lost commit race (reported as {@link
   *     TaskResult.Status#CONFLICT}); the table is left as it was or fully changed
   */
  TaskResult run(Table table, Signal signal, Instant now);
}
