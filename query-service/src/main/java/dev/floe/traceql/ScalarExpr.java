package dev.floe.traceql;

/** A side of a scalar filter: an aggregate over a spanset, a literal, or arithmetic on them. */
public interface ScalarExpr {}
