package dev.floe.ingest.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The acks of one batch written as one or more segments: they complete once every segment is
 * durable, and fail as soon as one segment fails (its rows were not written; the client retries).
 */
final class BatchAcks {
  private final List<CompletableFuture<Void>> acks;
  private final AtomicInteger pendingSegments;

  BatchAcks(List<CompletableFuture<Void>> acks, int segments) {
    this.acks = acks;
    this.pendingSegments = new AtomicInteger(segments);
  }

  void segmentDurable() {
    if (pendingSegments.decrementAndGet() == 0) {
      acks.forEach(ack -> ack.complete(null));
    }
  }

  void segmentFailed(Throwable cause) {
    WalUnavailableException error =
        new WalUnavailableException("the write-ahead log is unavailable: " + cause.getMessage(), cause);
    acks.forEach(ack -> ack.completeExceptionally(error));
  }
}
