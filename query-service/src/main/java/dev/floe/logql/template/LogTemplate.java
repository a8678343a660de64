package dev.floe.logql.template;

import java.util.List;
import java.util.Map;

/**
 * A {@code line_format} or {@code label_format} template: Go's text/template with Loki's functions. Parse it
 * once per query; rendering is safe from any number of threads.
 */
public final class LogTemplate {
  private final String text;
  private final List<Node> nodes;

  private LogTemplate(String text, List<Node> nodes) {
    this.text = text;
    this.nodes = nodes;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with Go's message naming the problem and its line, e.g. {@code template:
   *     line:1: function "foo" not defined}
   */
  public static LogTemplate parse(String text) {
    return new LogTemplate(text, List.copyOf(Parser.parse(text, Functions.ALL)));
  }

  /**
   * Renders the template for one log line; a missing label renders as the empty string.
   *
   * @throws TemplateException when the template fails on this line (e.g. {@code eq} of a number and a string,
   *     a function's error); Loki then keeps the line unchanged and sets {@code __error__=TemplateFormatErr}
   *     and {@code __error_details__} to the exception's message
   */
  public String render(Map<String, String> labels, String line, long timestampNanos) {
    return new Evaluator(text, line, timestampNanos).render(nodes, new LabelMap(labels));
  }

  @Override
  public String toString() {
    return text;
  }
}
