package dev.floe.query.api.tempo;

import dev.floe.query.QueryConfig;
import java.time.Duration;

/**
 * Limits and defaults of the TraceQL endpoints.
 *
 * @param defaultTenant tenant of requests without {@code X-Scope-OrgID}
 * @param defaultLookback the range searched when a request gives no {@code start}/{@code end}
 * @param maxRange the longest range one request may cover
 * @param maxLimit the largest {@code limit} a search may ask for
 * @param maxSpansPerSpanset the largest {@code spss}
 * @param maxSeries the most series a metrics query may produce
 * @param maxPoints the most buckets per series of a range query
 * @param maxExemplars the most exemplars per series (also the default)
 * @param maxTagValues the most tag names per scope or tag values one request returns
 */
public record TraceqlOptions(
    String defaultTenant,
    Duration defaultLookback,
    Duration maxRange,
    int maxLimit,
    int maxSpansPerSpanset,
    int maxSeries,
    int maxPoints,
    int maxExemplars,
    int maxTagValues) {

  /** The options configured in {@code limits}. */
  public static TraceqlOptions of(String defaultTenant, QueryConfig.TempoLimits limits) {
    return new TraceqlOptions(defaultTenant, limits.defaultLookback(), limits.maxRange(), limits.maxLimit(),
        limits.maxSpansPerSpanset(), limits.maxSeries(), limits.maxPoints(), limits.maxExemplars(),
        limits.maxTagValues());
  }

  /** Tempo's defaults: search the last hour, at most 168 h per request, 1000 series, 100 exemplars. */
  public static TraceqlOptions defaults(String defaultTenant) {
    return of(defaultTenant, QueryConfig.defaults().tempoLimits());
  }
}
