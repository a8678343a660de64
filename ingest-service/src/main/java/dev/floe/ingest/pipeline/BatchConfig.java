package dev.floe.ingest.pipeline;

import java.time.Duration;

/**
 * How a signal's rows become WAL segments. A batch is written as soon as one of the signal's write
 * slots is free (group commit), so batches grow only while writes are in flight; the three limits
 * close a batch earlier, and a closed batch waits whole for the next free slot.
 *
 * @param maxRows rows that close a batch
 * @param maxBytes request payload bytes that close a batch
 * @param maxDelay age of its first row at which a batch waiting for a slot closes, so that no
 *     segment keeps growing behind a slow write
 * @param flushThreads threads that encode and write segments; 0 means one per core. Each signal
 *     writes at most this many segments at once (and no more than it has shards)
 */
public record BatchConfig(int maxRows, long maxBytes, Duration maxDelay, int flushThreads) {
  public static BatchConfig defaults() {
    return new BatchConfig(50_000, 8L << 20, Duration.ofMillis(200), 0);
  }
}
