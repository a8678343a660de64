package dev.floe.ingest.otlp;

import com.google.protobuf.Message;
import dev.floe.ingest.pipeline.IngestPipeline;
import dev.floe.ingest.pipeline.MemoryBudget;
import dev.floe.ingest.pipeline.WalUnavailableException;
import dev.floe.otlp.MappedRows;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The transport-independent part of a write, shared by OTLP and the Loki push and Prometheus remote
 * write receivers: reserve memory, map records to rows, queue them for the WAL, and answer once they
 * are durable. Thread-safe.
 */
public final class OtlpIngestor {
  static final String WAL_UNAVAILABLE = "the write-ahead log is unavailable; retry later";

  private final IngestPipeline pipeline;
  private final MemoryBudget budget;
  private final IngestMetrics metrics;
  private volatile boolean accepting = true;

  /** @param meters where the request and record counters go */
  public OtlpIngestor(IngestPipeline pipeline, MemoryBudget budget, MeterRegistry meters) {
    this.pipeline = pipeline;
    this.budget = budget;
    this.metrics = new IngestMetrics(meters);
  }

  /** From now on, refuse new requests with a retryable status (the service is shutting down). */
  public void stopAccepting() {
    accepting = false;
  }

  /** Ingests one decoded OTLP request; the future completes with the OTLP response, see {@link #write}. */
  <R extends Message> CompletableFuture<Message> ingest(
      OtlpEndpoint<R> endpoint, String transport, String tenant, R request, long payloadBytes) {
    return write(endpoint.name(), transport, payloadBytes, now -> endpoint.map(tenant, request, now))
        .thenApply(mapped -> endpoint.response(mapped.rejected(), mapped.rejectionMessage()));
  }

  /**
   * Maps a request's records to rows and writes them to the WAL. The future completes with the
   * mapped rows once every row is durable, or fails with an {@link IngestException}; refusals before
   * queueing (shutting down, memory budget full, a body that does not decode, every record
   * rejected) are thrown directly.
   *
   * @param signal "logs", "traces" or "metrics", for the meters and messages
   * @param transport how the request came, for the meters
   * @param payloadBytes the decoded body's size, charged to the memory budget until the answer
   * @param rows maps the body given the receive time; a runtime exception means a body that does not decode
   */
  public CompletableFuture<MappedRows> write(String signal, String transport, long payloadBytes, RowSource rows) {
    if (!accepting) {
      throw refused(signal, transport, payloadBytes,
          new IngestException(IngestException.Kind.UNAVAILABLE, "the ingest service is shutting down; retry"));
    }
    if (!budget.tryAcquire(payloadBytes)) {
      throw refused(signal, transport, payloadBytes, bufferFull());
    }
    MappedRows mapped;
    try {
      mapped = rows.map(System.currentTimeMillis() * 1_000_000L);
    } catch (RuntimeException e) {
      budget.release(payloadBytes);
      throw refused(signal, transport, payloadBytes,
          new IngestException(IngestException.Kind.INVALID, "invalid " + signal + " request: " + e.getMessage(), e));
    }
    metrics.records(signal, mapped.accepted(), mapped.rejected());
    if (mapped.accepted() == 0) {
      budget.release(payloadBytes);
      if (mapped.rejected() > 0) {
        throw refused(signal, transport, payloadBytes,
            new IngestException(IngestException.Kind.INVALID, mapped.rejectionMessage()));
      }
      metrics.request(signal, transport, "ok", payloadBytes);
      return CompletableFuture.completedFuture(mapped);
    }
    return pipeline
        .submit(mapped.rows(), payloadBytes)
        .handle(
            (ignored, error) -> {
              budget.release(payloadBytes);
              if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                // The cause names store keys and paths: the flush that failed logged it, the client
                // learns only that it should retry.
                throw refused(signal, transport, 0,
                    cause instanceof WalUnavailableException
                        ? new IngestException(IngestException.Kind.UNAVAILABLE, WAL_UNAVAILABLE, cause)
                        : IngestException.internal(cause));
              }
              metrics.request(signal, transport, mapped.rejected() > 0 ? "partial" : "ok", payloadBytes);
              return mapped;
            });
  }

  /**
   * Refuses a request whose declared size cannot fit the memory budget now, before its body is read
   * and decoded: under overload a refusal then costs almost nothing.
   */
  public void requireRoom(String signal, String transport, long declaredBytes) {
    if (declaredBytes > 0 && !budget.hasRoomFor(declaredBytes)) {
      throw refused(signal, transport, 0, bufferFull());
    }
  }

  private IngestException bufferFull() {
    return new IngestException(
        IngestException.Kind.EXHAUSTED,
        "ingest buffer is full (" + budget.used() + " of " + budget.limit() + " bytes of heap in use); retry later");
  }

  /** Counts a refusal and returns it, for the caller to throw. */
  public IngestException refused(String signal, String transport, long bytes, IngestException refusal) {
    metrics.request(signal, transport, refusal.kind().name().toLowerCase(Locale.ROOT), bytes);
    return refusal;
  }

  /** Maps one request body to rows. */
  @FunctionalInterface
  public interface RowSource {
    /** @param receiveTimeUnixNano when the request arrived */
    MappedRows map(long receiveTimeUnixNano);
  }
}
