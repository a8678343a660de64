package dev.floe.logql.template;

import dev.floe.lang.GoStrings;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;

/** Go's HTML, JavaScript and URL query escaping. */
final class Escapes {
  private Escapes() {}

  /** Go's {@code template.HTMLEscapeString}. */
  static String html(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("&#34;");
        case '\'' -> out.append("&#39;");
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\0' -> out.append('\uFFFD');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Go's {@code template.JSEscapeString}. */
  static String js(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '"' -> out.append("\\\"");
        case '<' -> out.append("\\u003C");
        case '>' -> out.append("\\u003E");
        case '&' -> out.append("\\u0026");
        case '=' -> out.append("\\u003D");
        default -> {
          boolean printable = c >= ' ' && Character.isDefined(c) && !Character.isISOControl(c)
              && Character.getType(c) != Character.FORMAT;
          if (printable) {
            out.appendCodePoint(c);
          } else {
            out.append(String.format("\\u%04X", c));
          }
        }
      }
    });
    return out.toString();
  }

  /** Go's {@code url.QueryEscape}: letters, digits and {@code -_.~} stay, a space becomes {@code +}. */
  static String queryEscape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
          || c == '~') {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  /** Go's {@code url.QueryUnescape}. */
  static String queryUnescape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '+') {
        out.write(' ');
      } else if (b == '%') {
        int hi = i + 1 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
        int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
        if (hi < 0 || lo < 0) {
          String bad = new String(bytes, i, Math.min(3, bytes.length - i), StandardCharsets.UTF_8);
          throw new IllegalArgumentException("invalid URL escape " + GoStrings.quote(bad));
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
