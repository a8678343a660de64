package dev.floe.query.scan;

import dev.floe.schema.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What scans read, on the admin {@code /metrics}: {@code floe_query_scanned_rows_total} and {@code
 * floe_query_scanned_bytes_total} per signal, and {@code floe_query_segment_cache_requests_total} by
 * result ({@code hit}, {@code miss}).
 */
final class ScanMeters {
  private final MeterRegistry registry;
  private final Counter hits;
  private final Counter misses;

  ScanMeters(MeterRegistry registry) {
    this.registry = registry;
    this.hits = cacheCounter("hit");
    this.misses = cacheCounter("miss");
  }

  void scanned(Signal signal, long rows, long bytes) {
    Counter.builder("floe.query.scanned.rows")
        .description("Rows scans delivered to queries, after pruning and the time and label filters")
        .tag("signal", signal.id())
        .register(registry)
        .increment(rows);
    Counter.builder("floe.query.scanned.bytes")
        .description("Compressed bytes of the column chunks scans decoded")
        .tag("signal", signal.id())
        .register(registry)
        .increment(bytes);
  }

  void segmentCache(boolean hit) {
    (hit ? hits : misses).increment();
  }

  private Counter cacheCounter(String result) {
    return Counter.builder("floe.query.segment.cache.requests")
        .description("WAL segment reads of queries, answered from the segment cache (hit) or the store (miss)")
        .tag("result", result)
        .register(registry);
  }
}
