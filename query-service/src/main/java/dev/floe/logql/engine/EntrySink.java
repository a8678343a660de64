package dev.floe.logql.engine;

import dev.floe.lang.Labels;

/** Receives the entries of a {@link LogSource} scan, one at a time. */
@FunctionalInterface
public interface EntrySink {

  /**
   * Takes one entry.
   *
   * @param stream the labels of the entry's stream; passing the same instance for every entry of a stream
   *     lets the engine reuse per-stream work
   * @param lineBytes the line's size in UTF-8 bytes, which a source reading UTF-8 knows without counting
   * @return {@code false} to stop the scan: the engine has read all it needs
   */
  boolean accept(Labels stream, Labels structuredMetadata, long timestampNanos, String line, int lineBytes);
}
