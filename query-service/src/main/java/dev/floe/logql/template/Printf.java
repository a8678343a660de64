package dev.floe.logql.template;

import dev.floe.lang.GoStrings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Go's {@code fmt.Sprintf} for template values, with Go's notes for bad, missing and extra arguments. */
final class Printf {
  private Printf() {}

  /** Go's {@code fmt.Sprintf} for the verbs templates use. */
  static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int argIndex = 0;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      Spec spec = new Spec();
      while (i < format.length() && "+-# 0".indexOf(format.charAt(i)) >= 0) {
        spec.flag(format.charAt(i++));
      }
      if (i < format.length() && format.charAt(i) == '*') {
        i++;
        spec.width = argIndex < args.size() ? (int) Values.toInt64(args.get(argIndex++)) : 0;
        if (spec.width < 0) {
          spec.minus = true;
          spec.width = -spec.width;
        }
      } else {
        int start = i;
        while (i < format.length() && Character.isDigit(format.charAt(i))) {
          i++;
        }
        spec.width = start == i ? -1 : Integer.parseInt(format.substring(start, i));
      }
      if (i < format.length() && format.charAt(i) == '.') {
        i++;
        if (i < format.length() && format.charAt(i) == '*') {
          i++;
          spec.precision = argIndex < args.size() ? (int) Values.toInt64(args.get(argIndex++)) : 0;
        } else {
          int start = i;
          while (i < format.length() && Character.isDigit(format.charAt(i))) {
            i++;
          }
          spec.precision = start == i ? 0 : Integer.parseInt(format.substring(start, i));
        }
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      int verb = format.codePointAt(i);
      i += Character.charCount(verb);
      if (verb == '%') {
        out.append('%');
      } else if (argIndex >= args.size()) {
        out.append("%!").appendCodePoint(verb).append("(MISSING)");
      } else {
        out.append(spec.format(verb, args.get(argIndex++)));
      }
    }
    if (argIndex < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argIndex; k < args.size(); k++) {
        out.append(k > argIndex ? ", " : "").append(Values.typeName(args.get(k))).append('=').append(GoFormat.print(args.get(k)));
      }
      out.append(')');
    }
    return out.toString();
  }

  /** One verb's flags, width and precision. */
  private static final class Spec {
    boolean plus;
    boolean minus;
    boolean sharp;
    boolean space;
    boolean zero;
    int width = -1;
    int precision = -1;

    void flag(char c) {
      switch (c) {
        case '+' -> plus = true;
        case '-' -> minus = true;
        case '#' -> sharp = true;
        case ' ' -> space = true;
        default -> zero = true;
      }
    }

    String format(int verb, Object arg) {
      if (arg instanceof List<?> list && verb != 'T' && verb != 'v') {
        StringBuilder out = new StringBuilder("[");
        for (int k = 0; k < list.size(); k++) {
          out.append(k > 0 ? " " : "").append(format(verb, list.get(k)));
        }
        return out.append(']').toString();
      }
      String body = body(verb, arg);
      return body == null ? bad(verb, arg) : body;
    }

    private String body(int verb, Object arg) {
      if (verb == 'T') {
        return pad(Values.typeName(arg));
      }
      if (verb == 'v') {
        if (arg instanceof Double d) {
          return number(precision < 0 ? GoFormat.shortestFloat(d) : gFormat(d, precision));
        } else if (arg instanceof Long l) {
          return integer(l, 10, false);
        } else if (arg instanceof String s && sharp) {
          return pad(GoStrings.quote(s));
        }
        return pad(GoFormat.print(arg));
      }
      if (arg instanceof String s) {
        return switch (verb) {
          case 's' -> pad(precision < 0 ? s : truncateRunes(s, precision));
          case 'q' -> pad(sharp && s.indexOf('`') < 0 ? "`" + s + "`" : GoStrings.quote(s));
          case 'x', 'X' -> pad(hexBytes(s, verb == 'X'));
          default -> null;
        };
      } else if (arg instanceof Long l) {
        return switch (verb) {
          case 'd' -> integer(l, 10, false);
          case 'x' -> integer(l, 16, false);
          case 'X' -> integer(l, 16, true);
          case 'o' -> integer(l, 8, false);
          case 'b' -> integer(l, 2, false);
          case 'c' -> pad(new String(Character.toChars((int) (long) l)));
          case 'q' -> pad("'" + new String(Character.toChars((int) (long) l)) + "'");
          case 'U' -> pad(String.format("U+%04X", l));
          default -> null;
        };
      } else if (arg instanceof Double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return "efFgGv".indexOf(verb) >= 0 ? pad(GoFormat.special(d, plus, space)) : null;
        }
        return switch (verb) {
          case 'f', 'F' -> number(new BigDecimal(d).setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN).toPlainString());
          case 'e', 'E' -> number(eFormat(d, precision < 0 ? 6 : precision, verb == 'E'));
          case 'g' -> number(precision < 0 ? GoFormat.shortestFloat(d) : gFormat(d, precision));
          case 'G' -> number((precision < 0 ? GoFormat.shortestFloat(d) : gFormat(d, precision)).toUpperCase());
          default -> null;
        };
      } else if (arg instanceof Boolean b) {
        return verb == 't' ? pad(b.toString()) : null;
      } else if (arg instanceof GoTime t) {
        return verb == 's' || verb == 'q' ? pad(verb == 'q' ? GoStrings.quote(t.toString()) : t.toString()) : null;
      }
      return null;
    }

    private String bad(int verb, Object arg) {
      String value = arg == null ? "<nil>" : Values.typeName(arg) + "=" + GoFormat.print(arg);
      return "%!" + new String(Character.toChars(verb)) + "(" + value + ")";
    }

    private String integer(long value, int radix, boolean upper) {
      String digits = new BigDecimal(value).abs().toBigInteger().toString(radix);
      if (upper) {
        digits = digits.toUpperCase();
      }
      if (precision >= 0) {
        digits = precision == 0 && value == 0 ? "" : "0".repeat(Math.max(0, precision - digits.length())) + digits;
      }
      if (sharp) {
        digits = (radix == 16 ? (upper ? "0X" : "0x") : radix == 8 ? "0" : radix == 2 ? "0b" : "") + digits;
      }
      return number((value < 0 ? "-" : "") + digits, precision < 0);
    }

    private String number(String text) {
      return number(text, true);
    }

    /** Adds the sign flags and pads a number, with zeros after the sign when the 0 flag is set. */
    private String number(String text, boolean zeroPadAllowed) {
      String sign = "";
      String digits = text;
      if (text.startsWith("-") || text.startsWith("+")) {
        sign = text.substring(0, 1);
        digits = text.substring(1);
      } else if (plus) {
        sign = "+";
      } else if (space) {
        sign = " ";
      }
      if (zero && !minus && zeroPadAllowed && width > 0) {
        int missing = width - sign.length() - digits.length();
        return sign + "0".repeat(Math.max(0, missing)) + digits;
      }
      return pad(sign + digits);
    }

    private String pad(String text) {
      int length = text.codePointCount(0, text.length());
      if (width <= length) {
        return text;
      }
      String fill = (zero && !minus ? "0" : " ").repeat(width - length);
      return minus ? text + fill.replace('0', ' ') : fill + text;
    }

    private static String eFormat(double d, int precision, boolean upper) {
      BigDecimal bd = new BigDecimal(d).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
      int exp = bd.precision() - bd.scale() - 1;
      String digits = bd.unscaledValue().abs().toString();
      digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
      StringBuilder out = new StringBuilder(d < 0 ? "-" : "").append(digits.charAt(0));
      if (precision > 0) {
        out.append('.').append(digits, 1, digits.length());
      }
      String e = GoFormat.exponent(d == 0 ? 0 : exp);
      return out.append(upper ? e.toUpperCase() : e).toString();
    }

    private String gFormat(double d, int precision) {
      int p = precision == 0 ? 1 : precision;
      if (d == 0) {
        return "0";
      }
      BigDecimal bd = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
      BigDecimal stripped = bd.stripTrailingZeros();
      // Go lowers the exponent threshold to the digit count when all digits are before the point.
      int digits = stripped.precision();
      int pointAt = stripped.precision() - stripped.scale();
      return GoFormat.decimalG(stripped, p > digits && digits >= pointAt ? digits : p);
    }
  }

  private static String truncateRunes(String s, int runes) {
    return s.codePointCount(0, s.length()) <= runes ? s : s.substring(0, s.offsetByCodePoints(0, runes));
  }

  private static String hexBytes(String s, boolean upper) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format(upper ? "%02X" : "%02x", b));
    }
    return out.toString();
  }
}
