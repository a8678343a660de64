package dev.floe.logql.engine;

import java.time.Duration;

/**
 * Per-query limits, with Loki's defaults: {@code max_query_series} 500, {@code max_entries_limit_per_query}
 * 5000, {@code query_timeout} 1m. A limit of 0 disables the two counts.
 */
public record QueryLimits(int maxSeries, int maxEntriesLimitPerQuery, Duration timeout) {
  public static final QueryLimits DEFAULTS = new QueryLimits(500, 5000, Duration.ofMinutes(1));

  public QueryLimits {
    if (maxSeries < 0 || maxEntriesLimitPerQuery < 0 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("limits must not be negative and the timeout must be positive");
    }
  }
}
