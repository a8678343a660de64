package dev.floe.push;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a pushed stream label set such as {@code {job="varlogs", env="prod"}}: Prometheus label
 * names ({@code [a-zA-Z_][a-zA-Z0-9_]*}), values in Go string syntax (double quotes with escapes,
 * or backquotes, as LogQL reads them), pairs separated by commas.
 */
final class LokiLabelParser {
  private final String text;
  private int pos;

  private LokiLabelParser(String text) {
    this.text = text;
  }

  /**
   * The pairs in the order written.
   *
   * @throws IllegalArgumentException naming the problem and its offset
   */
  static Map<String, String> parse(String text) {
    return new LokiLabelParser(text).labels();
  }

  private Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    skipSpace();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      pos++;
      return end(labels);
    }
    while (true) {
      skipSpace();
      String name = name();
      skipSpace();
      expect('=');
      skipSpace();
      String value = value();
      if (labels.put(name, value) != null) {
        throw new IllegalArgumentException("duplicate label name: '" + name + "'");
      }
      skipSpace();
      char next = peek();
      pos++;
      if (next == '}') {
        return end(labels);
      }
      if (next != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private Map<String, String> end(Map<String, String> labels) {
    skipSpace();
    if (pos != text.length()) {
      throw error("unexpected text after '}'");
    }
    return labels;
  }

  private String name() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && !(pos > start && c >= '0' && c <= '9')) {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw error("expected a label name");
    }
    return text.substring(start, pos);
  }

  private String value() {
    char quote = peek();
    if (quote != '"' && quote != '`') {
      throw error("expected a quoted label value");
    }
    pos++;
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return value.toString();
      }
      if (c == '\\' && quote == '"') {
        escape(value);
      } else if (c == '\n' && quote == '"') {
        throw error("newline in a label value");
      } else {
        value.append(c);
      }
    }
    throw error("unterminated label value");
  }

  private void escape(StringBuilder out) {
    if (pos >= text.length()) {
      throw error("unterminated escape");
    }
    char c = text.charAt(pos++);
    switch (c) {
      case '\\', '"', '\'' -> out.append(c);
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\u000b');
      case 'u' -> out.appendCodePoint(hex(4));
      case 'U' -> out.appendCodePoint(hex(8));
      default -> throw error("unknown escape sequence \\" + c);
    }
  }

  private int hex(int digits) {
    if (pos + digits > text.length()) {
      throw error("incomplete unicode escape");
    }
    int codePoint;
    try {
      codePoint = Integer.parseInt(text.substring(pos, pos + digits), 16);
    } catch (NumberFormatException e) {
      throw error("invalid unicode escape");
    }
    if (!Character.isValidCodePoint(codePoint) || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
      throw error("invalid unicode escape");
    }
    pos += digits;
    return codePoint;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at position " + pos);
  }
}
