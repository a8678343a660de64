package dev.floe.tenant;

/** The tenant header is malformed; the message says how. Answered with 400 / INVALID_ARGUMENT. */
public class InvalidTenantException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidTenantException(String message) {
    super(message);
  }
}
