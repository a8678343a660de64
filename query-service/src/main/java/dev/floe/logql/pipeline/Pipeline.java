package dev.floe.logql.pipeline;

import dev.floe.logql.Stage;
import dev.floe.query.Labels;
import java.util.List;

/**
 * The compiled stages of a log query ({@code |= "x" | json | level="error" | line_format ...}).
 * Not thread-safe: compile one per evaluating thread.
 */
public interface Pipeline {

  /**
   * Compiles {@code stages}.
   *
   * @throws dev.floe.logql.LogqlParseException if a stage is invalid (a bad regular expression or
   *     template), with Loki's message
   */
  static Pipeline compile(List<Stage> stages) {
    if (!stages.isEmpty()) {
      throw new IllegalArgumentException("pipeline stages are being built: " + stages);
    }
    return (timestampNanos, line, stream, structuredMetadata) ->
        new ProcessedEntry(line, stream, structuredMetadata, Labels.EMPTY, Double.NaN);
  }

  /**
   * Runs one line through the stages.
   *
   * @return the processed entry, or {@code null} when a filter drops the line
   */
  ProcessedEntry process(long timestampNanos, String line, Labels stream, Labels structuredMetadata);
}
