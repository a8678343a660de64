package dev.floe.logql.pipeline;

import dev.floe.query.Labels;

/** Runs compiled stages in order over one reused {@link EntryBuilder}. */
final class StagePipeline implements Pipeline {
  private final StageFunction[] stages;
  private final String unwrapped;
  private final EntryBuilder entry = new EntryBuilder();

  /** {@code unwrapped} names the label {@code unwrap} read, which samples do not carry; null without unwrap. */
  StagePipeline(StageFunction[] stages, String unwrapped) {
    this.stages = stages;
    this.unwrapped = unwrapped;
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
    if (unwrapped != null) {
      entry.delete(unwrapped);
    }
    return entry.result(line);
  }
}
