package dev.floe.ingest.otlp;

import com.google.protobuf.Message;
import dev.floe.ingest.pipeline.IngestPipeline;
import dev.floe.ingest.pipeline.MemoryBudget;
import dev.floe.ingest.pipeline.WalUnavailableException;
import dev.floe.otlp.MappedRows;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The transport-independent part of an export: reserve memory, map records to rows, queue them
 * for the WAL, and answer once they are durable, with OTLP's partial success for rejected records.
 */
final class OtlpIngestor {
  private final IngestPipeline pipeline;
  private final MemoryBudget budget;
  private final IngestMetrics metrics;
  private volatile boolean accepting = true;

  OtlpIngestor(IngestPipeline pipeline, MemoryBudget budget, IngestMetrics metrics) {
    this.pipeline = pipeline;
    this.budget = budget;
    this.metrics = metrics;
  }

  /** From now on, refuse new requests with a retryable status (the service is shutting down). */
  void stopAccepting() {
    accepting = false;
  }

  /**
   * Ingests one decoded request. The future completes with the OTLP response once the rows are
   * durable, or fails with an {@link IngestException}; refusals before queueing throw directly.
   */
  <R extends Message> CompletableFuture<Message> ingest(
      OtlpEndpoint<R> endpoint, String transport, String tenant, R request, long payloadBytes) {
    if (!accepting) {
      throw refused(endpoint, transport, payloadBytes,
          new IngestException(IngestException.Kind.UNAVAILABLE, "the ingest service is shutting down; retry"));
    }
    if (!budget.tryAcquire(payloadBytes)) {
      throw refused(endpoint, transport, payloadBytes, bufferFull());
    }
    MappedRows mapped;
    try {
      mapped = endpoint.map(tenant, request, System.currentTimeMillis() * 1_000_000L);
    } catch (RuntimeException e) {
      budget.release(payloadBytes);
      throw refused(endpoint, transport, payloadBytes,
          new IngestException(IngestException.Kind.INVALID, "invalid " + endpoint.name() + " request: " + e.getMessage(), e));
    }
    metrics.records(endpoint.name(), mapped.accepted(), mapped.rejected());
    if (mapped.accepted() == 0) {
      budget.release(payloadBytes);
      if (mapped.rejected() > 0) {
        throw refused(endpoint, transport, payloadBytes,
            new IngestException(IngestException.Kind.INVALID, mapped.rejectionMessage()));
      }
      metrics.request(endpoint.name(), transport, "ok", payloadBytes);
      return CompletableFuture.completedFuture(endpoint.response(0, null));
    }
    return pipeline
        .submit(mapped.rows(), payloadBytes)
        .handle(
            (ignored, error) -> {
              budget.release(payloadBytes);
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                throw refused(endpoint, transport, 0,
                    cause instanceof WalUnavailableException
                        ? new IngestException(IngestException.Kind.UNAVAILABLE, cause.getMessage(), cause)
                        : new IngestException(IngestException.Kind.UNAVAILABLE, "write failed: " + cause, cause));
              }
              metrics.request(endpoint.name(), transport, mapped.rejected() > 0 ? "partial" : "ok", payloadBytes);
              return endpoint.response(mapped.rejected(), mapped.rejectionMessage());
            });
  }

  /**
   * Refuses a request whose declared size cannot fit the memory budget now, before its body is read
   * and decoded: under overload a refusal then costs almost nothing.
   */
  void requireRoom(OtlpEndpoint<?> endpoint, String transport, long declaredBytes) {
    if (declaredBytes > 0 && !budget.hasRoomFor(declaredBytes)) {
      throw refused(endpoint, transport, 0, bufferFull());
    }
  }

  private IngestException bufferFull() {
    return new IngestException(
        IngestException.Kind.EXHAUSTED,
        "ingest buffer is full (" + budget.used() + " of " + budget.limit() + " bytes of heap in use); retry later");
  }

  /** Counts a refusal and returns it, for the caller to throw. */
  IngestException refused(OtlpEndpoint<?> endpoint, String transport, long bytes, IngestException refusal) {
    metrics.request(endpoint.name(), transport, refusal.kind().name().toLowerCase(java.util.Locale.ROOT), bytes);
    return refusal;
  }
}
