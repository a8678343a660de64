package dev.floe.query.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The query APIs' meters on the admin {@code /metrics}, as Loki's {@code loki_request_duration_seconds}
 * and Prometheus's {@code prometheus_http_request_duration_seconds}: request latency per API, endpoint
 * and status, queries stopped by their deadline or their client, queries refused, and the gate's queue.
 */
public final class QueryMeters {
  // Prometheus's default buckets, and longer ones for the query timeouts (1m Loki, 2m Prometheus).
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    Duration.ofSeconds(60), Duration.ofSeconds(120)
  };

  private final MeterRegistry registry;

  public QueryMeters(MeterRegistry registry, QueryGate gate) {
    this.registry = registry;
    Gauge.builder("floe.query.running", gate, QueryGate::running)
        .description("Queries running now, of every API")
        .register(registry);
    Gauge.builder("floe.query.queued", gate, QueryGate::queued)
        .description("Queries waiting for a turn to run")
        .register(registry);
  }

  /** One answered request: {@code floe_query_request_duration_seconds}. */
  void request(String api, String endpoint, int status, long nanos) {
    Timer.builder("floe.query.request.duration")
        .description("Time to answer a query API request, from its arrival to its last byte")
        .tags("api", api, "endpoint", endpoint, "status", Integer.toString(status))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A query stopped by its deadline: {@code floe_query_timeouts_total}. */
  void timeout(String api) {
    counter("floe.query.timeouts", "Queries stopped by their timeout", api).increment();
  }

  /** A query stopped because its client went away: {@code floe_query_canceled_total}. */
  void canceled(String api) {
    counter("floe.query.canceled", "Queries stopped because their client went away", api).increment();
  }

  /** A query refused with 429: {@code floe_query_rejected_total}. */
  void rejected(String api) {
    counter("floe.query.rejected", "Queries refused with 429 because too many were running and waiting", api)
        .increment();
  }

  private Counter counter(String name, String description, String api) {
    return Counter.builder(name).description(description).tag("api", api).register(registry);
  }
}
