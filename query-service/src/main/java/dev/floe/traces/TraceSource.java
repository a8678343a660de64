package dev.floe.traces;

import java.util.function.Predicate;

/** Reads stored traces: the Iceberg snapshot of the {@code spans} table and the WAL above it. */
public interface TraceSource {
  /**
   * Hands {@code sink} every trace that has a span in the request's range, one trace at a time, each
   * with all of its spans in that range (a trace's spans may lie in several files; the source joins
   * them). Stops early when {@code sink} answers false. Holds a bounded number of spans at a time.
   */
  void traces(TraceRequest request, Predicate<Trace> sink);

  /** The spans of one trace in the range, or an empty list when none is stored. */
  java.util.List<Span> trace(java.util.List<String> tenants, byte[] traceId, long startNanos, long endNanos);
}
