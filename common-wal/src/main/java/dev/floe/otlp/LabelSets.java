package dev.floe.otlp;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical text of a label set, as stored in the {@code stream_labels} and {@code
 * series_labels} columns: Prometheus text form with keys sorted, for example {@code
 * {k8s_namespace_name="prod", service_name="api"}}.
 *
 * <p>Keys are sorted by Unicode code point (the order of their UTF-8 bytes, as Prometheus sorts).
 * Backslash, double quote and newline are escaped as {@code \\}, {@code \"} and {@code \n}, in values
 * and, so that every string parses back unambiguously, in keys too. Pairs are separated by a comma
 * and a space. This text is hashed into the fingerprint columns, so it is part of the storage format.
 */
public final class LabelSets {
  private LabelSets() {}

  /** The canonical text of {@code labels}, whatever order the map iterates in. */
  public static String format(Map<String, String> labels) {
    String[] keys = labels.keySet().toArray(new String[0]);
    Arrays.sort(keys, LabelSets::compareNames);
    StringBuilder text = new StringBuilder(16 * keys.length + 2).append('{');
    for (int i = 0; i < keys.length; i++) {
      appendPair(text, i == 0, keys[i], labels.get(keys[i]));
    }
    return text.append('}').toString();
  }

  /**
   * Parses a canonical label set back into its pairs, in stored order.
   *
   * @throws IllegalArgumentException if {@code text} is not in the canonical form
   */
  public static Map<String, String> parse(String text) {
    if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
      throw malformed(text, 0, "expected {...}");
    }
    if (text.length() == 2) {
      return Collections.emptyMap();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    StringBuilder token = new StringBuilder();
    int end = text.length() - 1;
    int pos = 1;
    while (true) {
      token.setLength(0);
      // A key ends at the first unescaped '=' that is followed by '"'.
      while (pos < end && !(text.charAt(pos) == '=' && pos + 1 < end && text.charAt(pos + 1) == '"')) {
        pos = unescapeOne(text, pos, token);
      }
      if (pos >= end) {
        throw malformed(text, pos, "expected =\" after a label name");
      }
      String key = token.toString();
      pos += 2;
      token.setLength(0);
      while (pos < end && text.charAt(pos) != '"') {
        pos = unescapeOne(text, pos, token);
      }
      if (pos >= end) {
        throw malformed(text, pos, "unterminated value");
      }
      labels.put(key, token.toString());
      pos++;
      if (pos == end) {
        return labels;
      }
      if (pos + 1 >= end || text.charAt(pos) != ',' || text.charAt(pos + 1) != ' ') {
        throw malformed(text, pos, "expected ', ' between pairs");
      }
      pos += 2;
    }
  }

  /** Orders label names by Unicode code point, which is the order of their UTF-8 bytes. */
  public static int compareNames(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        // UTF-16 order differs from code point order only where surrogates meet U+E000..U+FFFF.
        if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return ca - cb;
      }
    }
    return a.length() - b.length();
  }

  /** Appends {@code key="value"}, preceded by ", " unless it is the first pair. */
  static void appendPair(StringBuilder text, boolean first, String key, String value) {
    if (!first) {
      text.append(", ");
    }
    appendEscaped(text, key);
    text.append("=\"");
    appendEscaped(text, value);
    text.append('"');
  }

  private static void appendEscaped(StringBuilder text, String value) {
    int length = value.length();
    int start = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '"' || c == '\n') {
        text.append(value, start, i).append('\\').append(c == '\n' ? 'n' : c);
        start = i + 1;
      }
    }
    text.append(value, start, length);
  }

  private static int unescapeOne(String text, int pos, StringBuilder out) {
    char c = text.charAt(pos);
    if (c != '\\') {
      out.append(c);
      return pos + 1;
    }
    if (pos + 1 >= text.length() - 1) {
      throw malformed(text, pos, "dangling backslash");
    }
    char next = text.charAt(pos + 1);
    switch (next) {
      case '\\':
      case '"':
        out.append(next);
        break;
      case 'n':
        out.append('\n');
        break;
      default:
        throw malformed(text, pos, "unknown escape \\" + next);
    }
    return pos + 2;
  }

  private static IllegalArgumentException malformed(String text, int pos, String what) {
    return new IllegalArgumentException("malformed label set at offset " + pos + ": " + what);
  }
}
