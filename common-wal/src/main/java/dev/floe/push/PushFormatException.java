package dev.floe.push;

/** A push or remote-write body that cannot be decoded; the message says what is wrong with it. */
public class PushFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PushFormatException(String message) {
    super(message);
  }

  public PushFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
