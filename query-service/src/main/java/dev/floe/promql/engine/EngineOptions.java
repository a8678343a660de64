package dev.floe.promql.engine;

import java.time.Duration;

/**
 * Engine limits and defaults.
 *
 * @param lookbackDelta how far back an instant selector looks for a sample (Prometheus: 5m)
 * @param maxSamples the most samples a query may hold at once before failing
 * @param timeout how long a query may run
 * @param defaultSubqueryStep the subquery resolution when none is given (Prometheus: the global evaluation interval)
 * @param experimentalFunctions whether Prometheus's experimental functions and aggregations are allowed
 */
public record EngineOptions(
    Duration lookbackDelta, long maxSamples, Duration timeout, Duration defaultSubqueryStep,
    boolean experimentalFunctions) {

  public static EngineOptions defaults() {
    return new EngineOptions(Duration.ofMinutes(5), 50_000_000, Duration.ofMinutes(2), Duration.ofMinutes(1), false);
  }

  public EngineOptions withExperimentalFunctions(boolean enabled) {
    return new EngineOptions(lookbackDelta, maxSamples, timeout, defaultSubqueryStep, enabled);
  }

  public EngineOptions withMaxSamples(long limit) {
    return new EngineOptions(lookbackDelta, limit, timeout, defaultSubqueryStep, experimentalFunctions);
  }

  public EngineOptions withLookbackDelta(Duration delta) {
    return new EngineOptions(delta, maxSamples, timeout, defaultSubqueryStep, experimentalFunctions);
  }

  public EngineOptions withTimeout(Duration limit) {
    return new EngineOptions(lookbackDelta, maxSamples, limit, defaultSubqueryStep, experimentalFunctions);
  }
}
