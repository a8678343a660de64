package dev.floe.logql;

import java.math.BigDecimal;

/** Canonical spellings of string and number literals. */
final class Literals {
  private Literals() {}

  /** A double-quoted string with Go escapes, which both Loki and this lexer read back to the same value. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\r':
          out.append("\\r");
          break;
        default:
          out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** A number without a trailing {@code .0} or exponent: {@code 2}, {@code 0.99}, {@code -1.5}. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Inf" : "-Inf";
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
