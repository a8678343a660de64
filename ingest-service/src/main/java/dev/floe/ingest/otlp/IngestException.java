package dev.floe.ingest.otlp;

import dev.floe.server.InternalErrors;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a request was refused. Each transport turns the {@link Kind} into its own status: an HTTP
 * code, or a gRPC status code; the message is sent to the client as is.
 */
public final class IngestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kinds of refusal, with OTLP's HTTP status for each. */
  public enum Kind {
    /** Bad data that a retry cannot fix. */
    INVALID(400),
    /** Body (or its decompressed form) over the size limit. */
    TOO_LARGE(413),
    /** Content-Type or Content-Encoding that OTLP/HTTP does not define. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The ingest buffer is full: back-pressure, retry later. */
    EXHAUSTED(429),
    /** The WAL could not be written or the service is stopping: retry later. */
    UNAVAILABLE(503);

    private final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }

    /** The gRPC status code OTLP prescribes for this refusal. */
    public Status.Code grpcCode() {
      return switch (this) {
        case INVALID, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE -> Status.Code.INVALID_ARGUMENT;
        case EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
        case UNAVAILABLE -> Status.Code.UNAVAILABLE;
      };
    }

    /** OTLP clients retry 429 and 503 (with back-off, honouring Retry-After). */
    public boolean retryable() {
      return this == EXHAUSTED || this == UNAVAILABLE;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(IngestException.class);

  private final Kind kind;

  public IngestException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public IngestException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /**
   * A retryable refusal for a failure that is not the client's fault; the cause is logged, not
   * answered, since its text can name server files.
   */
  public static IngestException internal(Throwable cause) {
    return new IngestException(Kind.UNAVAILABLE, InternalErrors.report(LOG, "request failed", cause), cause);
  }

  public Kind kind() {
    return kind;
  }
}
