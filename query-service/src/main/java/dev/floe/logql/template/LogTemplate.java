package dev.floe.logql.template;

import java.util.Map;

/** A {@code line_format} or {@code label_format} template: Go's text/template with Loki's functions. */
public final class LogTemplate {
  private LogTemplate() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message naming the problem and its position
   */
  public static LogTemplate parse(String text) {
    throw new IllegalArgumentException("templates are being built");
  }

  /** Renders the template for one log line; a missing label renders as the empty string. */
  public String render(Map<String, String> labels, String line, long timestampNanos) {
    throw new IllegalStateException("templates are being built");
  }
}
