package dev.floe.prometheus;

import dev.floe.lang.Labels;

/**
 * An exemplar as {@code /api/v1/query_exemplars} reports it: the series it belongs to, its own labels
 * ({@code trace_id}, {@code span_id} and the filtered attributes), value and time in milliseconds.
 */
public record PrometheusExemplar(Labels series, Labels labels, double value, long timestampMillis) {}
