/**
 * The PromQL evaluator: {@link dev.floe.promql.engine.PromqlEngine} runs instant and range queries
 * parsed by {@link dev.floe.promql.PromqlParser} against a {@link dev.floe.promql.engine.SeriesSource}.
 */
package dev.floe.promql.engine;
