/**
 * The LogQL query engine: evaluates a parsed {@link dev.floe.logql.Expr} with Loki's semantics.
 *
 * <p>{@link dev.floe.logql.engine.LogqlEngine#execute} takes a {@link dev.floe.logql.engine.LogqlQuery} (an
 * instant or a range query) and reads entries from a {@link dev.floe.logql.engine.LogSource}, which the storage
 * side implements; each log range is read once, in time order, through its compiled pipeline. Log queries
 * return streams; metric queries are evaluated bottom-up at every step: range aggregations apply Loki's
 * left-open windows to each series (line counts and byte sums per step, other functions over the samples
 * kept), then vector aggregations, binary operators and
 * {@code label_replace} work on one step's vector at a time. Results are immutable {@link
 * dev.floe.logql.engine.QueryValue}s with {@link dev.floe.logql.engine.QueryStats}; failures are {@link
 * dev.floe.logql.engine.LogqlQueryException}s carrying Loki's message and HTTP status.
 */
package dev.floe.logql.engine;
