package dev.floe.logql.engine;

import dev.floe.query.Labels;

/** Receives the entries of a {@link LogSource} scan, one at a time. */
@FunctionalInterface
public interface EntrySink {

  /**
   * Takes one entry.
   *
   * @param stream the labels of the entry's stream; passing the same instance for every entry of a stream
   *     lets the engine reuse per-stream work
   * @return {@code false} to stop the scan: the engine has read all it needs
   */
  boolean accept(Labels stream, Labels structuredMetadata, long timestampNanos, String line);

  /**
   * Forgets every entry delivered so far: the source starts over from the first. Only a scan that is not
   * {@linkplain LogScan#ordered() ordered} may call it (an ordered source holds entries until it delivers them).
   */
  default void restart() {
    throw new IllegalStateException("this sink cannot start over");
  }
}
