package dev.floe.traceql.engine;

/** What TraceQL knows of a whole trace: its extent and root span (null name and service without a root). */
public record TraceFacts(byte[] traceId, long startNanos, long endNanos, String rootName, String rootService) {
  public long durationNanos() {
    return endNanos - startNanos;
  }
}
