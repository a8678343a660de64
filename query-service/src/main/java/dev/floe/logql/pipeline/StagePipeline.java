package dev.floe.logql.pipeline;

import dev.floe.query.Labels;

/** Runs compiled stages in order over one reused {@link EntryBuilder}. */
final class StagePipeline implements Pipeline {
  private final StageFunction[] stages;
  private final EntryBuilder entry = new EntryBuilder();

  /**
   * The label {@code unwrap} read stays on the entry: the range aggregation drops it from its series
   * unless {@code by (...)} names it, as Loki does.
   */
  StagePipeline(StageFunction[] stages) {
    this.stages = stages;
  }

  @Override
  public ProcessedEntry process(long timestampNanos, String line, Labels stream, Labels structuredMetadata) {
    entry.reset(stream, structuredMetadata);
    for (StageFunction stage : stages) {
      line = stage.apply(timestampNanos, line, entry);
      if (line == null) {
        return null;
      }
    }
    return entry.result(line);
  }
}
