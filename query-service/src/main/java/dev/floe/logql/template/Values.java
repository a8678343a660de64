package dev.floe.logql.template;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Go's dynamic values as the evaluator holds them: {@code String}, {@code Long} (every Go integer),
 * {@code Double}, {@code Boolean}, {@link GoTime}, {@code List} (slices), {@code Map} and {@link LabelMap},
 * and {@code null} for nil. Here live Go's truth, comparison and type names, and the conversions of
 * spf13/cast that Sprig's number functions apply.
 */
final class Values {
  private static final Pattern GO_FLOAT =
      Pattern.compile("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)");

  private Values() {}

  /** Go's type name, as error messages and {@code %T} print it. */
  static String typeName(Object v) {
    if (v == null) {
      return "<nil>";
    } else if (v instanceof String) {
      return "string";
    } else if (v instanceof Long) {
      return "int";
    } else if (v instanceof Double) {
      return "float64";
    } else if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof GoTime) {
      return "time.Time";
    } else if (v instanceof LabelMap) {
      return "map[string]string";
    } else if (v instanceof Map) {
      return "map[string]interface {}";
    }
    return "[]interface {}";
  }

  /** Go's template truth: non-zero numbers, non-empty strings and collections, true, and any time. */
  static boolean truth(Object v) {
    if (v == null) {
      return false;
    } else if (v instanceof String s) {
      return !s.isEmpty();
    } else if (v instanceof Long l) {
      return l != 0;
    } else if (v instanceof Double d) {
      return d != 0;
    } else if (v instanceof Boolean b) {
      return b;
    } else if (v instanceof List<?> l) {
      return !l.isEmpty();
    } else if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    } else if (v instanceof LabelMap m) {
      return !m.values().isEmpty();
    }
    return true;
  }

  /** Go's {@code eq}: true if {@code a} equals any of {@code others}. */
  static boolean eq(Object a, List<Object> others) {
    if (others.isEmpty()) {
      throw new IllegalArgumentException("missing argument for comparison");
    }
    for (Object b : others) {
      if (a == null || b == null) {
        if (a == b) {
          return true;
        }
        continue;
      }
      if (isBasic(a) && isBasic(b)) {
        if (a.getClass() != b.getClass()) {
          throw new IllegalArgumentException("incompatible types for comparison");
        }
        boolean equal = a instanceof Double x ? x.doubleValue() == (Double) b : a.equals(b);
        if (equal) {
          return true;
        }
      } else if (a instanceof GoTime x && b instanceof GoTime y) {
        if (x.value().toInstant().equals(y.value().toInstant()) && x.value().getZone().equals(y.value().getZone())) {
          return true;
        }
      } else if (isBasic(a) || isBasic(b) || a instanceof GoTime || b instanceof GoTime) {
        throw new IllegalArgumentException("incompatible types for comparison");
      } else {
        throw new IllegalArgumentException("non-comparable type " + typeName(a));
      }
    }
    return false;
  }

  /** Go's {@code lt}: only strings, integers and floats of the same kind are ordered. */
  static boolean lt(Object a, Object b) {
    if (!isOrdered(a) || !isOrdered(b)) {
      throw new IllegalArgumentException("invalid type for comparison");
    }
    if (a.getClass() != b.getClass()) {
      throw new IllegalArgumentException("incompatible types for comparison");
    }
    if (a instanceof String s) {
      return compareUtf8(s, (String) b) < 0;
    } else if (a instanceof Long l) {
      return l < (Long) b;
    }
    return (Double) a < (Double) b;
  }

  private static boolean isBasic(Object v) {
    return v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean;
  }

  private static boolean isOrdered(Object v) {
    return v instanceof String || v instanceof Long || v instanceof Double;
  }

  /** Go compares strings bytewise in UTF-8, which is code point order, not UTF-16 order. */
  static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** spf13/cast's {@code ToInt64}: numbers truncate, strings parse as Go integers, anything else is 0. */
  static long toInt64(Object v) {
    if (v instanceof Long l) {
      return l;
    } else if (v instanceof Double d) {
      return d.longValue();
    } else if (v instanceof Boolean b) {
      return b ? 1 : 0;
    } else if (v instanceof String s) {
      Long parsed = parseGoInt(trimZeroDecimal(s));
      return parsed == null ? 0 : parsed;
    }
    return 0;
  }

  /** spf13/cast's {@code ToFloat64}: strings parse as Go floats, anything unconvertible is 0. */
  static double toFloat64(Object v) {
    if (v instanceof Long l) {
      return l;
    } else if (v instanceof Double d) {
      return d;
    } else if (v instanceof Boolean b) {
      return b ? 1 : 0;
    } else if (v instanceof String s) {
      Double parsed = parseGoFloat(s);
      return parsed == null ? 0 : parsed;
    }
    return 0;
  }

  /** Go's {@code strconv.ParseFloat(s, 64)}, or null when {@code s} is not a number. */
  static Double parseGoFloat(String s) {
    if (GO_FLOAT.matcher(s).matches()) {
      return Double.parseDouble(s);
    }
    String lower = s.toLowerCase();
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return unsigned.equals("nan") && unsigned.length() == lower.length() ? Double.NaN : null;
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}: base prefixes 0x, 0o, 0b and a leading 0 for octal. */
  static Long parseGoInt(String s) {
    if (s.isEmpty()) {
      return null;
    }
    boolean negative = s.charAt(0) == '-';
    String digits = s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1) : s;
    int radix = 10;
    String lower = digits.toLowerCase();
    if (lower.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      digits = digits.substring(2);
    } else if (lower.startsWith("0b")) {
      radix = 2;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
      digits = digits.substring(1);
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) >= 128 || Character.digit(digits.charAt(i), radix) < 0) {
        return null;
      }
    }
    if (digits.isEmpty()) {
      return null;
    }
    BigInteger value = new BigInteger(digits, radix);
    if (negative) {
      value = value.negate();
    }
    return value.bitLength() < 64 ? value.longValue() : null;
  }

  /** spf13/cast drops an all-zero decimal part ("3.00" is 3) before parsing an integer. */
  private static String trimZeroDecimal(String s) {
    boolean foundZero = false;
    for (int i = s.length(); i > 0; i--) {
      char c = s.charAt(i - 1);
      if (c == '.') {
        return foundZero ? s.substring(0, i - 1) : s;
      } else if (c == '0') {
        foundZero = true;
      } else {
        return s;
      }
    }
    return s;
  }
}
