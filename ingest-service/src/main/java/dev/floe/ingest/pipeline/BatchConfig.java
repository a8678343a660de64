package dev.floe.ingest.pipeline;

import java.time.Duration;

/**
 * When a signal's batch becomes a WAL segment: at {@code maxRows} rows, at {@code maxBytes} of
 * request payload, or {@code maxDelay} after its first row, whichever comes first.
 *
 * @param flushThreads threads that encode and write segments; 0 means one per core
 */
public record BatchConfig(int maxRows, long maxBytes, Duration maxDelay, int flushThreads) {
  public static BatchConfig defaults() {
    return new BatchConfig(50_000, 8L << 20, Duration.ofMillis(200), 0);
  }
}
