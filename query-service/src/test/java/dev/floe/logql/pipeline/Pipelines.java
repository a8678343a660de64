package dev.floe.logql.pipeline;

import dev.floe.logql.Expr;
import dev.floe.logql.LogSelector;
import dev.floe.logql.LogqlParser;
import dev.floe.logql.MetricExpr;
import dev.floe.lang.Labels;

/** Test helpers: a pipeline from a query's text, and one line run through it. */
final class Pipelines {
  static final long TIMESTAMP = 1_700_000_000_000_000_000L;

  private Pipelines() {}

  /** The pipeline of a log query, or of the range of a range aggregation (where unwrap may appear). */
  static Pipeline of(String query) {
    Expr expr = LogqlParser.parse(query);
    LogSelector selector = expr instanceof MetricExpr.RangeAggregation range
        ? range.range().log()
        : (LogSelector) expr;
    return Pipeline.compile(selector.stages());
  }

  /** The entry {@code line} of stream {@code stream} (canonical text) becomes, or null when dropped. */
  static ProcessedEntry run(String query, String stream, String line) {
    return of(query).process(TIMESTAMP, line, Labels.parse(stream), Labels.EMPTY);
  }

  /** All labels of the entry as canonical text, or {@code "dropped"}. */
  static String labels(String query, String stream, String line) {
    ProcessedEntry entry = run(query, stream, line);
    return entry == null ? "dropped" : entry.labels().toString();
  }
}
