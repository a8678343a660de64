package dev.floe.logql.pipeline;

/** One compiled stage: it reads and changes the entry's labels and returns the line, or null to drop it. */
interface StageFunction {
  String apply(long timestampNanos, String line, EntryBuilder entry);
}
