package dev.floe.logql.pipeline;

import dev.floe.lang.Labels;

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
    if (stages.length == 0 && !clashes(stream, structuredMetadata)) {
      // Nothing to run and nothing to rename: the entry as it came, without the builder's bookkeeping.
      return new ProcessedEntry(line, stream, structuredMetadata, Labels.EMPTY, Double.NaN);
    }
    entry.reset(stream, structuredMetadata);
    for (StageFunction stage : stages) {
      line = stage.apply(timestampNanos, line, entry);
      if (line == null) {
        return null;
      }
    }
    return entry.result(line);
  }

  /** Whether metadata shares a name with a stream label, which makes it {@code name_extracted}. */
  private static boolean clashes(Labels stream, Labels metadata) {
    for (int i = 0; i < metadata.size(); i++) {
      if (stream.has(metadata.name(i))) {
        return true;
      }
    }
    return false;
  }
}
