package dev.floe.traces;

import java.util.List;

/**
 * What a read of traces covers: the tenants, and spans starting in {@code [startNanos, endNanos)}.
 *
 * <p>The hints let the source skip work: it may leave out a trace none of whose spans has service name
 * {@code serviceName} (when not null) and a duration of at least {@code minSpanDurationNanos} (when
 * above 0) together. A trace it delivers is still delivered whole.
 */
public record TraceRequest(
    List<String> tenants, long startNanos, long endNanos, String serviceName, long minSpanDurationNanos) {

  /** A request without hints. */
  public static TraceRequest of(List<String> tenants, long startNanos, long endNanos) {
    return new TraceRequest(tenants, startNanos, endNanos, null, 0);
  }
}
