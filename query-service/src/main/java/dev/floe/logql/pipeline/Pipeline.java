package dev.floe.logql.pipeline;

import dev.floe.logql.Stage;
import dev.floe.lang.Labels;
import java.util.List;

/**
 * The compiled stages of a log query ({@code |= "x" | json | level="error" | line_format ...}).
 * Not thread-safe: compile one per evaluating thread. {@code distinct} remembers the values it has seen
 * for as long as its pipeline lives, so a query that should see each value once uses one pipeline.
 */
public interface Pipeline {

  /**
   * Compiles {@code stages}.
   *
   * @throws dev.floe.logql.LogqlParseException if a stage is invalid (a bad regular expression or
   *     template), with Loki's message
   */
  static Pipeline compile(List<Stage> stages) {
    return Stages.compile(stages);
  }

  /**
   * Runs one line through the stages. With {@code unwrap}, the entry's value is the unwrapped sample and
   * its labels lack the unwrapped label, as the series of Loki's unwrapped range aggregations do.
   *
   * @return the processed entry, or {@code null} when a filter drops the line
   */
  ProcessedEntry process(long timestampNanos, String line, Labels stream, Labels structuredMetadata);
}
