package dev.floe.logql.pipeline;

/**
 * Reads {@code key=value} pairs from a logfmt line the way go-logfmt does: bare or quoted values with
 * JSON escapes, standalone keys with no value, and Go's {@code logfmt syntax error at pos N : ...}
 * messages (positions count from 1).
 */
final class LogfmtDecoder {
  private final KeyTable keys = new KeyTable();
  private String line;
  private int pos;
  private String key;
  private String value;
  private String error;

  void reset(String line) {
    this.line = line;
    this.pos = 0;
    this.error = null;
  }

  /** Whether the whole line has been read. */
  boolean atEnd() {
    return pos >= line.length();
  }

  String key() {
    return key;
  }

  /** The value of the last pair; the empty string for {@code k=} and standalone keys. */
  String value() {
    return value;
  }

  /** The first syntax error met, or null. */
  String error() {
    return error;
  }

  /**
   * Reads the next pair. On a syntax error returns false with {@link #error()} set and the decoder past
   * the offending token, so a lenient caller can go on with the next pair.
   */
  boolean next() {
    key = null;
    value = "";
    int n = line.length();
    while (pos < n && line.charAt(pos) <= ' ') {
      pos++;
    }
    if (pos >= n) {
      return false;
    }
    int start = pos;
    while (pos < n) {
      char c = line.charAt(pos);
      if (c == '=') {
        if (pos == start) {
          return fail("unexpected '='");
        }
        key = keys.key(line, start, pos);
        pos++;
        return readValue();
      }
      if (c == '"') {
        return fail("unexpected '\"'");
      }
      if (c <= ' ') {
        break;
      }
      pos++;
    }
    key = keys.key(line, start, pos);
    return true;
  }

  private boolean readValue() {
    int n = line.length();
    if (pos >= n || line.charAt(pos) <= ' ') {
      return true;
    }
    if (line.charAt(pos) == '"') {
      return quotedValue();
    }
    int start = pos;
    while (pos < n) {
      char c = line.charAt(pos);
      if (c == '=' || c == '"') {
        return fail("unexpected '" + c + "'");
      }
      if (c <= ' ') {
        break;
      }
      pos++;
    }
    value = line.substring(start, pos);
    return true;
  }

  private boolean quotedValue() {
    int n = line.length();
    int start = pos + 1;
    boolean escaped = false;
    for (int i = start; i < n; i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        escaped = true;
        i++;
      } else if (c == '"') {
        pos = i + 1;
        if (!escaped) {
          value = line.substring(start, i);
          return true;
        }
        String unquoted = unquote(start, i);
        if (unquoted == null) {
          return fail("invalid quoted value");
        }
        value = unquoted;
        return true;
      }
    }
    pos = n;
    return fail("unterminated quoted value");
  }

  private String unquote(int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    return JsonEscapes.unescape(line, start, end, out) ? out.toString() : null;
  }

  private boolean fail(String message) {
    if (error == null) {
      error = "logfmt syntax error at pos " + (pos + 1) + " : " + message;
    }
    // Skip the rest of the offending token so that lenient parsing resumes at the next pair.
    while (pos < line.length() && line.charAt(pos) > ' ') {
      pos++;
    }
    return false;
  }
}
