package dev.floe.otlp;

/** An OTLP request body that cannot be parsed; the message says what is wrong with it. */
public class OtlpFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OtlpFormatException(String message) {
    super(message);
  }

  public OtlpFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
