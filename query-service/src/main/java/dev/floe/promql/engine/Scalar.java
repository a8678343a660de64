package dev.floe.promql.engine;

/** A scalar at an evaluation time. */
public record Scalar(long timestampMs, double value) implements Value {}
