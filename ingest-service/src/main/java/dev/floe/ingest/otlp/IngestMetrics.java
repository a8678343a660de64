package dev.floe.ingest.otlp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The ingest service's request and record counters, tagged by signal and transport. */
final class IngestMetrics {
  private final MeterRegistry registry;

  IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void request(String signal, String transport, String outcome, long bytes) {
    Counter.builder("floe.ingest.requests")
        .description("write requests (OTLP, Loki push, remote write) by outcome: ok, partial, or the refusal kind")
        .tags("signal", signal, "transport", transport, "outcome", outcome)
        .register(registry)
        .increment();
    if (bytes > 0) {
      Counter.builder("floe.ingest.request.bytes")
          .description("decoded payload bytes received")
          .baseUnit("bytes")
          .tags("signal", signal, "transport", transport)
          .register(registry)
          .increment(bytes);
    }
  }

  void records(String signal, long accepted, long rejected) {
    if (accepted > 0) {
      recordCounter(signal, "accepted").increment(accepted);
    }
    if (rejected > 0) {
      recordCounter(signal, "rejected").increment(rejected);
    }
  }

  private Counter recordCounter(String signal, String outcome) {
    return Counter.builder("floe.ingest.records")
        .description("log records, spans and metric data points received, by outcome")
        .tags("signal", signal, "outcome", outcome)
        .register(registry);
  }
}
