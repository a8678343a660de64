package dev.floe.lang;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Go's string conversions that Loki and Prometheus print in queries, templates, error messages and
 * API answers: quoting and float formatting.
 */
public final class GoStrings {
  private GoStrings() {}

  /**
   * Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: the shortest decimal that reads back to {@code v},
   * never in exponent form; {@code +Inf}, {@code -Inf}, {@code NaN}, {@code -0}.
   */
  public static String formatFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value); // most sample values: no BigDecimal needed
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  /** Go's {@code strconv.Quote}: double quotes, Go's escapes, non-printable code points as {@code \\u}. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    value.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case 0x0b -> out.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(Locale.ROOT, "\\x%02x", c));
          } else if (!Character.isDefined(c) || Character.getType(c) == Character.CONTROL
              || Character.getType(c) == Character.FORMAT) {
            out.append(String.format(Locale.ROOT, c > 0xffff ? "\\U%08x" : "\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.append('"').toString();
  }

  /**
   * Decodes the Go escape sequence whose letter is at {@code pos} of {@code input} (just after the
   * backslash) into {@code out}, as {@code strconv.Unquote} does in a double-quoted string.
   *
   * @return the position after the sequence
   * @throws IllegalArgumentException with Go's message when the sequence is invalid
   */
  public static int unescape(CharSequence input, int pos, StringBuilder out) {
    if (pos >= input.length()) {
      throw new IllegalArgumentException("invalid syntax: short escape sequence");
    }
    char c = input.charAt(pos);
    int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits > 0) {
      if (pos + 1 + digits > input.length()) {
        throw new IllegalArgumentException("invalid syntax: short escape sequence");
      }
      try {
        out.appendCodePoint(Integer.parseInt(input.subSequence(pos + 1, pos + 1 + digits).toString(), 16));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid syntax: invalid escape sequence \\" + c);
      }
      return pos + 1 + digits;
    }
    switch (c) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\u000b');
      case '\\', '"', '\'' -> out.append(c);
      default -> throw new IllegalArgumentException("invalid syntax: unknown escape sequence \\" + c);
    }
    return pos + 1;
  }
}
