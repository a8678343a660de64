package dev.floe.logql.pipeline;

import dev.floe.lang.Labels;

/**
 * One log line after a query's stages: its (possibly reformatted) line, its labels by category as
 * Loki's {@code categorize-labels} encoding reports them, and the sample value that {@code unwrap}
 * extracted ({@code NaN} when the stages have no {@code unwrap}).
 */
public record ProcessedEntry(
    String line, Labels stream, Labels structuredMetadata, Labels parsed, double value) {

  /** Every label of the entry: stream labels, then structured metadata, then parsed labels. */
  public Labels labels() {
    if (structuredMetadata.isEmpty() && parsed.isEmpty()) {
      return stream;
    }
    Labels.Builder all = stream.toBuilder();
    for (Labels more : new Labels[] {structuredMetadata, parsed}) {
      for (int i = 0; i < more.size(); i++) {
        all.set(more.name(i), more.value(i));
      }
    }
    return all.build();
  }
}
