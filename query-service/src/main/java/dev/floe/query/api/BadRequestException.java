package dev.floe.query.api;

/** A request the client must change before retrying: a bad parameter, query or header. */
public final class BadRequestException extends RuntimeException {
  public BadRequestException(String message) {
    super(message);
  }

  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
