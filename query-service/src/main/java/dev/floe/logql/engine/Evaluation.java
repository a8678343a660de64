package dev.floe.logql.engine;

import dev.floe.lang.Labels;
import dev.floe.logql.LogSelector;
import dev.floe.logql.Stage;
import dev.floe.logql.pipeline.Pipeline;
import dev.floe.logql.pipeline.ProcessedEntry;
import dev.floe.otlp.Utf8;
import dev.floe.lang.Labels;
import dev.floe.lang.QueryContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One query's run: reads the source through pipelines, counts what it read, and enforces the deadline. */
final class Evaluation {
  // Reading the clock for every line would cost as much as the pipeline of a simple query.
  private static final int DEADLINE_CHECK_MASK = 63;

  private final LogSource source;
  private final LogqlOptions limits;
  private final QueryContext context;
  private final long startedNanos;
  private long lines;
  private long bytes;
  private long structuredMetadataBytes;
  private long postFilterLines;

  /** Receives the entries the pipeline kept; returns {@code false} to stop reading. */
  interface ProcessedSink {
    boolean accept(long timestampNanos, ProcessedEntry entry);
  }

  Evaluation(LogSource source, LogqlOptions limits, QueryContext context) {
    this.source = source;
    this.limits = limits;
    this.context = context;
    this.startedNanos = System.nanoTime();
  }

  LogqlOptions limits() {
    return limits;
  }

  /** Whether scans deliver entries in their direction's timestamp order. */
  boolean ordered() {
    return source.ordered();
  }

  /**
   * Reads the entries of {@code selector} in {@code [startNanos, endNanos)} through its pipeline.
   *
   * @param metadataNames the structured metadata the caller can observe, or null for all (see {@link LogScan})
   */
  void scan(
      LogSelector selector,
      long startNanos,
      long endNanos,
      Direction direction,
      Set<String> metadataNames,
      ProcessedSink sink) {
    Pipeline pipeline = Pipeline.compile(selector.stages());
    LogScan scan = new LogScan(
        selector.selector().matchers(),
        leadingLineFilters(selector.stages()),
        startNanos,
        endNanos,
        direction,
        metadataNames);
    source.scan(
        scan,
        (stream, structuredMetadata, timestampNanos, line, lineBytes) -> {
          if ((++lines & DEADLINE_CHECK_MASK) == 0) {
            checkDeadline();
          }
          long metadataBytes = bytes(structuredMetadata);
          bytes += lineBytes + metadataBytes;
          structuredMetadataBytes += metadataBytes;
          ProcessedEntry entry = pipeline.process(timestampNanos, line, stream, structuredMetadata);
          if (entry == null) {
            return true;
          }
          postFilterLines++;
          return sink.accept(timestampNanos, entry);
        });
    checkDeadline();
  }

  /** Stops the query when it has run out of time or its client went away. */
  void checkDeadline() {
    context.check();
  }

  QueryStats stats(long entriesReturned) {
    return new QueryStats(
        lines, bytes, structuredMetadataBytes, postFilterLines, entriesReturned, System.nanoTime() - startedNanos);
  }

  private static List<Stage.LineFilter> leadingLineFilters(List<Stage> stages) {
    List<Stage.LineFilter> filters = new ArrayList<>();
    for (Stage stage : stages) {
      if (!(stage instanceof Stage.LineFilter filter)) {
        break;
      }
      filters.add(filter);
    }
    return filters;
  }

  private static long bytes(Labels labels) {
    long total = 0;
    for (int i = 0; i < labels.size(); i++) {
      total += Utf8.length(labels.name(i)) + Utf8.length(labels.value(i));
    }
    return total;
  }
}
