package dev.floe.catalog;

/** An existing table cannot hold Floe's data as it is; the message names the table and the column. */
public class IncompatibleTableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IncompatibleTableException(String message) {
    super(message);
  }
}
