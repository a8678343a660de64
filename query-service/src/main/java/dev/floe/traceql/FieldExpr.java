package dev.floe.traceql;

/** An expression evaluated against one span: a value, an attribute, or an operation on them. */
public interface FieldExpr {}
