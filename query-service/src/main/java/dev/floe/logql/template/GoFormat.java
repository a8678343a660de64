package dev.floe.logql.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's fmt package for template values: {@code %v}, {@code Sprint}, {@code Sprintln} and {@code strconv.Quote}. */
final class GoFormat {
  private GoFormat() {}

  /** {@code %v}: how a template prints a value. */
  static String print(Object v) {
    if (v instanceof String s) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    appendValue(out, v);
    return out.toString();
  }

  /** Go's {@code fmt.Sprint}: a space between operands when neither is a string. */
  static String sprint(List<Object> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
        out.append(' ');
      }
      appendValue(out, args.get(i));
    }
    return out.toString();
  }

  /** Go's {@code fmt.Sprintln}: operands separated by spaces, then a newline. */
  static String sprintln(List<Object> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      appendValue(out, args.get(i));
    }
    return out.append('\n').toString();
  }

  private static void appendValue(StringBuilder out, Object v) {
    if (v == null) {
      out.append("<nil>");
    } else if (v instanceof Double d) {
      out.append(shortestFloat(d));
    } else if (v instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        appendValue(out, list.get(i));
      }
      out.append(']');
    } else if (v instanceof Map<?, ?> || v instanceof LabelMap) {
      out.append("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : sorted(v).entrySet()) {
        if (!first) {
          out.append(' ');
        }
        first = false;
        out.append(e.getKey()).append(':');
        appendValue(out, e.getValue());
      }
      out.append(']');
    } else {
      out.append(v);
    }
  }

  /** Go prints and ranges over maps in key order. */
  static Map<String, Object> sorted(Object map) {
    Map<String, Object> sorted = new TreeMap<>(Values::compareUtf8);
    Map<?, ?> values = map instanceof LabelMap labels ? labels.values() : (Map<?, ?>) map;
    values.forEach((k, val) -> sorted.put((String) k, val));
    return sorted;
  }

  /**
   * Go's {@code %v} and {@code %g} for floats: the shortest decimal that reads back as {@code d}, with an
   * exponent when it is below -4 or at least 6 ({@code 1e+06}, but {@code 123456}).
   */
  static String shortestFloat(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return special(d, false, false);
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    return decimalG(new BigDecimal(Double.toString(d)).stripTrailingZeros(), 6);
  }

  static String special(double d, boolean plus, boolean space) {
    if (Double.isNaN(d)) {
      return plus ? "+NaN" : space ? " NaN" : "NaN";
    }
    return d > 0 ? (plus ? "+Inf" : space ? " Inf" : "+Inf") : "-Inf";
  }

  /** Formats a stripped decimal as %g does: %e when its exponent is below -4 or at least eprec. */
  static String decimalG(BigDecimal bd, int eprec) {
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= eprec) {
      String digits = bd.unscaledValue().abs().toString();
      StringBuilder out = new StringBuilder(bd.signum() < 0 ? "-" : "").append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      return out.append(exponent(exp)).toString();
    }
    return bd.toPlainString();
  }

  static String exponent(int exp) {
    int abs = Math.abs(exp);
    return (exp < 0 ? "e-" : "e+") + (abs < 10 ? "0" : "") + abs;
  }

}
