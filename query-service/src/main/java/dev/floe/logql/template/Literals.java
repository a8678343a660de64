package dev.floe.logql.template;

import dev.floe.logql.template.Node.Constant;
import dev.floe.lang.GoStrings;

/** Go's constants in actions: quoted and raw strings, characters and numbers. */
final class Literals {
  private Literals() {}

  /** Go's {@code strconv.Unquote} for "…", '…' and `…`. */
  static String unquote(String text, Token t, Parser parser) {
    char quote = text.charAt(0);
    String body = text.substring(1, text.length() - 1);
    if (quote == '`') {
      return body.replace("\r", "");
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i++);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i >= body.length()) {
        throw parser.error(t, "invalid syntax");
      }
      char e = body.charAt(i++);
      switch (e) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '\\' -> out.append('\\');
        case '\'', '"' -> {
          if (e != quote) {
            throw parser.error(t, "invalid syntax");
          }
          out.append(e);
        }
        case 'x', 'u', 'U' -> {
          int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          int code = hex(body, i, digits, t, parser);
          i += digits;
          if (e == 'x') {
            // \xHH is a byte; bytes >= 0x80 only form text together, which Java strings cannot hold apart.
            out.append((char) code);
          } else {
            out.appendCodePoint(code);
          }
        }
        default -> {
          if (e < '0' || e > '7' || i + 2 > body.length()) {
            throw parser.error(t, "invalid syntax");
          }
          out.append((char) Integer.parseInt(body.substring(i - 1, i + 2), 8));
          i += 2;
        }
      }
    }
    return out.toString();
  }

  private static int hex(String s, int at, int digits, Token t, Parser parser) {
    if (at + digits > s.length()) {
      throw parser.error(t, "invalid syntax");
    }
    try {
      return Integer.parseUnsignedInt(s.substring(at, at + digits), 16);
    } catch (NumberFormatException e) {
      throw parser.error(t, "invalid syntax");
    }
  }

  /**
   * A number constant; like Go's NumberNode it may be both an integer and a float ({@code 1e3}), and a
   * function's parameter type picks which.
   */
  static Constant number(Token t, Parser parser) {
    String text = t.text();
    String clean = text.replace("_", "");
    Long asInt = Values.parseGoInt(clean);
    Double asFloat = null;
    if (asInt != null) {
      asFloat = (double) asInt;
    } else if (!clean.toLowerCase().contains("x")) {
      asFloat = Values.parseGoFloat(clean);
      if (asFloat != null && asFloat == Math.rint(asFloat) && Math.abs(asFloat) < 0x1p63) {
        asInt = asFloat.longValue();
      }
    }
    if (asInt == null && asFloat == null) {
      throw parser.error(t, "illegal number syntax: " + GoStrings.quote(text));
    }
    // A constant used where any type goes is a float only when written as one (Go's idealConstant).
    boolean writtenAsFloat = asFloat != null && (clean.contains(".") || clean.toLowerCase().contains("e"))
        && !clean.toLowerCase().contains("x");
    Object value = writtenAsFloat || asInt == null ? (Object) asFloat : (Object) asInt;
    return new Constant(value, text, asInt != null, asFloat != null);
  }
}
