/**
 * PromQL front end: {@link dev.floe.promql.PromqlParser} lexes, parses and type-checks a query into
 * an immutable {@link dev.floe.promql.Expr} tree whose {@code toString()} is canonical PromQL.
 * Function signatures live in {@link dev.floe.promql.Functions}.
 */
package dev.floe.promql;
