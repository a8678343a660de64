package dev.floe.logql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles Go (RE2) regular expressions to {@link Pattern}s that match the same text: named groups
 * {@code (?P<name>...)} (whose names Java would reject) become plain groups whose names are kept aside,
 * POSIX classes {@code [[:alpha:]]} become {@code \p{Alpha}}, a {@code [} inside a class is literal, and
 * {@code $} outside multi-line mode matches only at the very end, as in RE2.
 */
public final class Re2 {
  private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
      Map.entry("alnum", "Alnum"), Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"),
      Map.entry("blank", "Blank"), Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"),
      Map.entry("graph", "Graph"), Map.entry("lower", "Lower"), Map.entry("print", "Print"),
      Map.entry("punct", "Punct"), Map.entry("space", "Space"), Map.entry("upper", "Upper"),
      Map.entry("xdigit", "XDigit"));

  /** A compiled expression and the name of each capturing group, by group number (null when unnamed). */
  public record Compiled(Pattern pattern, List<String> groupNames) {}

  private final String regex;
  private final StringBuilder out;
  private final List<String> groupNames = new ArrayList<>();
  private boolean multiLine;
  private int pos;

  private Re2(String regex) {
    this.regex = regex;
    this.out = new StringBuilder(regex.length() + 8);
    groupNames.add(null);
  }

  /**
   * Compiles {@code regex}.
   *
   * @throws LogqlParseException with Go's {@code error parsing regexp} message when it is invalid
   */
  public static Pattern pattern(String regex) {
    return compile(regex).pattern();
  }

  /**
   * Compiles {@code regex}, keeping its group names.
   *
   * @throws LogqlParseException with Go's {@code error parsing regexp} message when it is invalid
   */
  public static Compiled compile(String regex) {
    try {
      return translate(regex);
    } catch (PatternSyntaxException e) {
      throw new LogqlParseException(message(regex, e), 0, 0);
    }
  }

  static String message(String regex, PatternSyntaxException e) {
    return "error parsing regexp: " + e.getDescription() + ": `" + regex + "`";
  }

  static Compiled translate(String regex) {
    Re2 translator = new Re2(regex);
    translator.translate();
    Pattern pattern = Pattern.compile(translator.out.toString(), Pattern.UNICODE_CASE);
    return new Compiled(pattern, Collections.unmodifiableList(translator.groupNames));
  }

  private void translate() {
    while (pos < regex.length()) {
      char c = regex.charAt(pos);
      switch (c) {
        case '\\':
          escape();
          break;
        case '[':
          characterClass();
          break;
        case '(':
          group();
          break;
        case '$':
          out.append(multiLine ? "$" : "\\z");
          pos++;
          break;
        default:
          out.append(c);
          pos++;
      }
    }
  }

  private void escape() {
    if (pos + 1 >= regex.length()) {
      throw new PatternSyntaxException("trailing backslash at end of expression", regex, pos);
    }
    if (regex.charAt(pos + 1) == 'Q') {
      int end = regex.indexOf("\\E", pos + 2);
      String quoted = regex.substring(pos + 2, end < 0 ? regex.length() : end);
      out.append(Pattern.quote(quoted));
      pos = end < 0 ? regex.length() : end + 2;
      return;
    }
    out.append(regex, pos, pos + 2);
    pos += 2;
  }

  private void characterClass() {
    out.append('[');
    pos++;
    if (pos < regex.length() && regex.charAt(pos) == '^') {
      out.append('^');
      pos++;
    }
    boolean first = true;
    while (pos < regex.length()) {
      char c = regex.charAt(pos);
      if (c == ']' && !first) {
        out.append(']');
        pos++;
        return;
      }
      first = false;
      if (c == '\\') {
        escape();
      } else if (c == '[' && regex.startsWith("[:", pos)) {
        posixClass();
      } else if (c == '[' || c == ']' || c == '&') {
        // RE2 reads these literally inside a class; Java would start a union or an intersection.
        out.append('\\').append(c);
        pos++;
      } else {
        out.append(c);
        pos++;
      }
    }
    throw new PatternSyntaxException("missing closing ]", regex, pos);
  }

  private void posixClass() {
    int end = regex.indexOf(":]", pos + 2);
    if (end < 0) {
      throw new PatternSyntaxException("invalid character class range", regex, pos);
    }
    String name = regex.substring(pos + 2, end);
    boolean negated = name.startsWith("^");
    pos = end + 2;
    if (name.equals(negated ? "^word" : "word")) {
      out.append(negated ? "\\W" : "\\w");
      return;
    }
    String javaName = POSIX_CLASSES.get(negated ? name.substring(1) : name);
    if (javaName == null) {
      throw new PatternSyntaxException("invalid character class range: `" + name + "`", regex, pos);
    }
    out.append(negated ? "\\P{" : "\\p{").append(javaName).append('}');
  }

  private void group() {
    if (regex.startsWith("(?P<", pos) || (regex.startsWith("(?<", pos) && !regex.startsWith("(?<=", pos)
        && !regex.startsWith("(?<!", pos))) {
      int nameStart = regex.indexOf('<', pos) + 1;
      int nameEnd = regex.indexOf('>', nameStart);
      if (nameEnd < 0) {
        throw new PatternSyntaxException("invalid named capture", regex, pos);
      }
      groupNames.add(regex.substring(nameStart, nameEnd));
      out.append('(');
      pos = nameEnd + 1;
      return;
    }
    if (regex.startsWith("(?", pos)) {
      int flagsEnd = pos + 2;
      while (flagsEnd < regex.length() && Character.isLetter(regex.charAt(flagsEnd))
          || flagsEnd < regex.length() && regex.charAt(flagsEnd) == '-') {
        flagsEnd++;
      }
      String flags = regex.substring(pos + 2, flagsEnd);
      int minus = flags.indexOf('-');
      if ((minus < 0 ? flags : flags.substring(0, minus)).indexOf('m') >= 0) {
        multiLine = true;
      }
      out.append("(?");
      pos += 2;
      return;
    }
    groupNames.add(null);
    out.append('(');
    pos++;
  }
}
