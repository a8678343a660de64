package dev.floe.traceql;

/**
 * An element of a spanset pipeline: it turns the spansets of one trace into other spansets. Filters,
 * spanset operations, nested pipelines, {@code by()}, {@code coalesce()}, {@code select()} and scalar
 * filters are the kinds.
 */
public interface SpansetExpr {}
