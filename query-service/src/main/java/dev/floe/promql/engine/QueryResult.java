package dev.floe.promql.engine;

/**
 * A query's value and the annotations its evaluation produced.
 *
 * @param value a {@link Scalar}, {@link StringValue} or {@link Vector} for instant queries (or a
 *     {@link Matrix} when the expression is a range vector); a {@link Matrix} for range queries
 * @param annotations the warnings and infos
 */
public record QueryResult(Value value, Annotations annotations) {}
