package dev.floe.promql.engine;

/** A string at an evaluation time. */
public record StringValue(long timestampMs, String value) implements Value {}
