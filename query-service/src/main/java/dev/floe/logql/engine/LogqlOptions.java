package dev.floe.logql.engine;

import java.time.Duration;

/**
 * The limits the LogQL engine enforces, with Loki's defaults; the API layer builds them from its
 * configuration.
 *
 * @param maxEntriesLimitPerQuery largest {@code limit} of a log query
 * @param maxQuerySeries most series or streams a metric query may return; 0 for no limit
 * @param queryTimeout longest a query may run
 */
public record LogqlOptions(int maxEntriesLimitPerQuery, int maxQuerySeries, Duration queryTimeout) {
  public static LogqlOptions defaults() {
    return new LogqlOptions(5000, 500, Duration.ofMinutes(1));
  }
}
