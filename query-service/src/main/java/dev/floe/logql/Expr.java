package dev.floe.logql;

/** A parsed LogQL query: a log query returning streams or a metric query returning samples. */
public sealed interface Expr permits LogSelector, MetricExpr {}
