package dev.floe.logql.engine;

import dev.floe.logql.LogSelector;
import dev.floe.logql.Stage;
import dev.floe.logql.pipeline.Pipeline;
import dev.floe.logql.pipeline.ProcessedEntry;
import dev.floe.query.Labels;
import java.util.ArrayList;
import java.util.List;

/** One query's run: reads the source through pipelines, counts what it read, and enforces the deadline. */
final class Evaluation {
  // Reading the clock for every line would cost more than the pipeline of a simple query.
  private static final int DEADLINE_CHECK_MASK = 1023;

  private final LogSource source;
  private final QueryLimits limits;
  private final long startedNanos;
  private long lines;
  private long bytes;
  private long structuredMetadataBytes;
  private long postFilterLines;

  /** Receives the entries the pipeline kept; returns {@code false} to stop reading. */
  interface ProcessedSink {
    boolean accept(long timestampNanos, ProcessedEntry entry);
  }

  Evaluation(LogSource source, QueryLimits limits) {
    this.source = source;
    this.limits = limits;
    this.startedNanos = System.nanoTime();
  }

  QueryLimits limits() {
    return limits;
  }

  /** Reads the entries of {@code selector} in {@code [startNanos, endNanos)} through its pipeline, in {@code direction}. */
  void scan(LogSelector selector, long startNanos, long endNanos, Direction direction, ProcessedSink sink) {
    scan(selector, startNanos, endNanos, direction, null, sink);
  }

  /**
   * Reads the entries of {@code selector} in {@code [startNanos, endNanos)} through its pipeline, in any order;
   * {@code restart} runs when the source starts over and the sink must forget what it received.
   */
  void scanUnordered(LogSelector selector, long startNanos, long endNanos, Runnable restart, ProcessedSink sink) {
    scan(selector, startNanos, endNanos, Direction.FORWARD, restart, sink);
  }

  /** An ordered scan when {@code restart} is null. */
  private void scan(
      LogSelector selector, long startNanos, long endNanos, Direction direction, Runnable restart, ProcessedSink sink) {
    Pipeline pipeline = Pipeline.compile(selector.stages());
    LogScan scan =
        new LogScan(
            selector.selector().matchers(), leadingLineFilters(selector.stages()), startNanos, endNanos, direction,
            restart == null);
    EntrySink entries =
        (stream, structuredMetadata, timestampNanos, line) -> {
          if ((++lines & DEADLINE_CHECK_MASK) == 0) {
            checkDeadline();
          }
          long metadataBytes = bytes(structuredMetadata);
          bytes += Utf8.length(line) + metadataBytes;
          structuredMetadataBytes += metadataBytes;
          ProcessedEntry entry = pipeline.process(timestampNanos, line, stream, structuredMetadata);
          if (entry == null) {
            return true;
          }
          postFilterLines++;
          return sink.accept(timestampNanos, entry);
        };
    source.scan(scan, restart == null ? entries : restartable(entries, restart));
    checkDeadline();
  }

  void checkDeadline() {
    if (System.nanoTime() - startedNanos > limits.timeout().toNanos()) {
      throw LogqlQueryException.timeout();
    }
  }

  QueryStats stats(long entriesReturned) {
    return new QueryStats(
        lines, bytes, structuredMetadataBytes, postFilterLines, entriesReturned, System.nanoTime() - startedNanos);
  }

  private static EntrySink restartable(EntrySink entries, Runnable restart) {
    return new EntrySink() {
      @Override
      public boolean accept(Labels stream, Labels structuredMetadata, long timestampNanos, String line) {
        return entries.accept(stream, structuredMetadata, timestampNanos, line);
      }

      @Override
      public void restart() {
        restart.run();
      }
    };
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
