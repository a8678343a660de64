package dev.floe.promql.engine;

/** The result of evaluating an expression: a {@link Scalar}, {@link StringValue}, {@link Vector} or {@link Matrix}. */
public sealed interface Value permits Scalar, StringValue, Vector, Matrix {}
