package dev.floe.logql.template;

import static dev.floe.logql.template.Func.Type.ANY;
import static dev.floe.logql.template.Func.Type.INT;
import static dev.floe.logql.template.Func.Type.STRING;

import java.util.List;
import java.util.Locale;

/** Loki's string functions: Go's {@code strings} under their old names, Sprig's, and Loki's own. */
final class StringFunctions {
  static final List<Func> ALL = List.of(
      Func.of("ToLower", (a, env) -> lower(s(a, 0)), STRING),
      Func.of("ToUpper", (a, env) -> upper(s(a, 0)), STRING),
      Func.of("Replace", (a, env) -> replace(s(a, 0), s(a, 1), s(a, 2), i(a, 3)), STRING, STRING, STRING, INT),
      Func.of("Trim", (a, env) -> trimCutset(s(a, 0), s(a, 1), true, true), STRING, STRING),
      Func.of("TrimLeft", (a, env) -> trimCutset(s(a, 0), s(a, 1), true, false), STRING, STRING),
      Func.of("TrimRight", (a, env) -> trimCutset(s(a, 0), s(a, 1), false, true), STRING, STRING),
      Func.of("TrimPrefix", (a, env) -> trimPrefix(s(a, 0), s(a, 1)), STRING, STRING),
      Func.of("TrimSuffix", (a, env) -> trimSuffix(s(a, 0), s(a, 1)), STRING, STRING),
      Func.of("TrimSpace", (a, env) -> trimSpace(s(a, 0)), STRING),
      Func.of("lower", (a, env) -> lower(s(a, 0)), STRING),
      Func.of("upper", (a, env) -> upper(s(a, 0)), STRING),
      Func.of("title", (a, env) -> title(s(a, 0)), STRING),
      Func.of("trunc", (a, env) -> trunc(i(a, 0), s(a, 1)), INT, STRING),
      Func.of("substr", (a, env) -> substr(i(a, 0), i(a, 1), s(a, 2)), INT, INT, STRING),
      Func.of("contains", (a, env) -> s(a, 1).contains(s(a, 0)), STRING, STRING),
      Func.of("hasPrefix", (a, env) -> s(a, 1).startsWith(s(a, 0)), STRING, STRING),
      Func.of("hasSuffix", (a, env) -> s(a, 1).endsWith(s(a, 0)), STRING, STRING),
      Func.of("indent", (a, env) -> indent(i(a, 0), s(a, 1)), INT, STRING),
      Func.of("nindent", (a, env) -> "\n" + indent(i(a, 0), s(a, 1)), INT, STRING),
      Func.of("replace", (a, env) -> replace(s(a, 2), s(a, 0), s(a, 1), -1), STRING, STRING, STRING),
      Func.of("repeat", (a, env) -> repeat(i(a, 0), s(a, 1)), INT, STRING),
      Func.of("trim", (a, env) -> trimSpace(s(a, 0)), STRING),
      Func.of("trimAll", (a, env) -> trimCutset(s(a, 1), s(a, 0), true, true), STRING, STRING),
      Func.of("trimPrefix", (a, env) -> trimPrefix(s(a, 1), s(a, 0)), STRING, STRING),
      Func.of("trimSuffix", (a, env) -> trimSuffix(s(a, 1), s(a, 0)), STRING, STRING),
      Func.of("alignLeft", (a, env) -> align(i(a, 0), s(a, 1), true), INT, STRING),
      Func.of("alignRight", (a, env) -> align(i(a, 0), s(a, 1), false), INT, STRING),
      Func.variadic("default", (a, env) -> a.size() < 2 || !Values.truth(a.get(1)) ? a.get(0) : a.get(1), ANY, ANY),
      Func.of("count", (a, env) -> (long) RegexCache.compile(s(a, 0)).countMatches(s(a, 1)), STRING, STRING),
      Func.of("regexReplaceAll",
          (a, env) -> RegexCache.compile(s(a, 0)).replaceAll(s(a, 1), s(a, 2)), STRING, STRING, STRING),
      Func.of("regexReplaceAllLiteral",
          (a, env) -> RegexCache.compile(s(a, 0)).replaceAllLiteral(s(a, 1), s(a, 2)), STRING, STRING, STRING));

  private StringFunctions() {}

  private static String s(List<Object> args, int i) {
    return (String) args.get(i);
  }

  private static int i(List<Object> args, int i) {
    long v = (Long) args.get(i);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  /** Go's {@code strings.Replace}: at most {@code n} replacements, all when n is negative. */
  static String replace(String s, String old, String replacement, int n) {
    if (n == 0 || old.equals(replacement)) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    int done = 0;
    int from = 0;
    if (old.isEmpty()) {
      // An empty old string matches before every rune and at the end.
      int i = 0;
      while (n < 0 || done < n) {
        out.append(replacement);
        done++;
        if (i >= s.length()) {
          return out.toString();
        }
        int cp = s.codePointAt(i);
        out.appendCodePoint(cp);
        i += Character.charCount(cp);
      }
      return out.append(s, i, s.length()).toString();
    }
    int at;
    while ((n < 0 || done < n) && (at = s.indexOf(old, from)) >= 0) {
      out.append(s, from, at).append(replacement);
      from = at + old.length();
      done++;
    }
    return out.append(s, from, s.length()).toString();
  }

  static String trimCutset(String s, String cutset, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    while (left && start < end && cutset.indexOf(s.codePointAt(start)) >= 0) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (right && end > start && cutset.indexOf(s.codePointBefore(end)) >= 0) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static String trimPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  private static String trimSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  /** Go's {@code strings.TrimSpace}: Unicode white space, which includes U+0085 and U+00A0. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isGoSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static boolean isGoSpace(int c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || Character.isSpaceChar(c);
  }

  /** Go's {@code strings.Title}: upper-cases the first letter of each word, leaving the rest alone. */
  private static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int previous = ' ';
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      out.appendCodePoint(isSeparator(previous) ? Character.toTitleCase(c) : c);
      previous = c;
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private static boolean isSeparator(int c) {
    if (c <= 0x7F) {
      return !(Character.isLetterOrDigit(c) || c == '_');
    }
    return !Character.isLetterOrDigit(c) && isGoSpace(c);
  }

  /** Loki's {@code trunc}: the first {@code n} runes, or the last {@code -n}. */
  private static String trunc(int n, String s) {
    int length = s.codePointCount(0, s.length());
    if (n < 0 && length + n > 0) {
      return s.substring(s.offsetByCodePoints(0, length + n));
    }
    if (n >= 0 && length > n) {
      return s.substring(0, s.offsetByCodePoints(0, n));
    }
    return s;
  }

  /** Loki's {@code substr} over runes: a negative start means from 0, a negative end means to the end. */
  private static String substr(int start, int end, String s) {
    int length = s.codePointCount(0, s.length());
    end = Math.min(end, length);
    start = Math.min(start, length);
    if (start < 0) {
      return end < 0 ? "" : runes(s, 0, end);
    }
    if (end < 0) {
      return runes(s, start, length);
    }
    return start > end ? "" : runes(s, start, end);
  }

  private static String runes(String s, int from, int to) {
    return s.substring(s.offsetByCodePoints(0, from), s.offsetByCodePoints(0, to));
  }

  private static String indent(int spaces, String s) {
    String pad = " ".repeat(Math.max(0, spaces));
    return pad + s.replace("\n", "\n" + pad);
  }

  private static String repeat(int count, String s) {
    if (count < 0) {
      throw new IllegalArgumentException("strings: negative Repeat count");
    }
    return s.repeat(count);
  }

  /** Loki's {@code alignLeft}/{@code alignRight}: pads with spaces or cuts to exactly {@code count} runes. */
  private static String align(int count, String s, boolean left) {
    int length = s.codePointCount(0, s.length());
    if (count < 0 || count == length) {
      return s;
    }
    if (count > length) {
      String pad = " ".repeat(count - length);
      return left ? s + pad : pad + s;
    }
    return left ? runes(s, 0, count) : runes(s, length - count, length);
  }
}
