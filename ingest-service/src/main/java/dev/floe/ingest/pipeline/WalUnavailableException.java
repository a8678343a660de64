package dev.floe.ingest.pipeline;

/** A batch could not be made durable; its requests must be retried (503 / UNAVAILABLE). */
public class WalUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WalUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
