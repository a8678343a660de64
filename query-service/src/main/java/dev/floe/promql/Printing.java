package dev.floe.promql;

import dev.floe.lang.GoStrings;
import dev.floe.lang.Labels;
import java.util.List;

/** Formatting shared by the AST's canonical {@code toString()} methods. */
final class Printing {
  private Printing() {}

  /** Formats milliseconds like Prometheus' {@code model.Duration}, such as {@code 1h30m}. */
  static String duration(long millis) {
    if (millis == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long day = 24L * 60 * 60 * 1000;
    // Years and weeks only when they divide the whole duration, as model.Duration prints them.
    if (millis % (365 * day) == 0) {
      return out.append(millis / (365 * day)).append('y').toString();
    }
    if (millis % (7 * day) == 0) {
      return out.append(millis / (7 * day)).append('w').toString();
    }
    long rest = millis;
    rest = appendUnit(out, rest, day, "d");
    rest = appendUnit(out, rest, 60L * 60 * 1000, "h");
    rest = appendUnit(out, rest, 60L * 1000, "m");
    rest = appendUnit(out, rest, 1000L, "s");
    appendUnit(out, rest, 1L, "ms");
    return out.toString();
  }

  private static long appendUnit(StringBuilder out, long rest, long unit, String suffix) {
    long count = rest / unit;
    if (count > 0) {
      out.append(count).append(suffix);
    }
    return rest - count * unit;
  }

  /** A label name as written in a query: bare when it is a legacy name, quoted otherwise. */
  static String labelName(String name) {
    return Labels.isLegacyName(name) ? name : GoStrings.quote(name);
  }

  static boolean isLegacyName(String name, boolean allowColon) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = Lexer.isIdentifierStart(c) || (i > 0 && c >= '0' && c <= '9') || (allowColon && c == ':');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static String labelList(List<String> labels) {
    StringBuilder out = new StringBuilder();
    for (String label : labels) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(labelName(label));
    }
    return out.toString();
  }
}
