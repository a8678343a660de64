package dev.floe.logql.pipeline;

import dev.floe.logql.LogqlParseException;
import dev.floe.logql.Re2;
import dev.floe.logql.Stage;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles line filters ({@code |= != |~ !~ |> !>} with {@code or} and {@code ip()}) into tests on the raw line. */
final class LineFilters {
  private static final Pattern REGEX_META = Pattern.compile("[\\\\.+*?()|\\[\\]{}^$]");

  private LineFilters() {}

  static StageFunction compile(Stage.LineFilter filter) {
    List<Stage.LineMatch> matches = filter.matches();
    @SuppressWarnings("unchecked")
    Predicate<String>[] alternatives = new Predicate[matches.size()];
    for (int i = 0; i < alternatives.length; i++) {
      alternatives[i] = alternative(filter.op(), matches.get(i));
    }
    Predicate<String> any = alternatives.length == 1 ? alternatives[0] : line -> anyMatches(alternatives, line);
    boolean negated = filter.op() == Stage.LineFilterOp.NOT_CONTAINS
        || filter.op() == Stage.LineFilterOp.NOT_REGEX
        || filter.op() == Stage.LineFilterOp.NOT_PATTERN;
    return negated
        ? (ts, line, entry) -> any.test(line) ? null : line
        : (ts, line, entry) -> any.test(line) ? line : null;
  }

  private static boolean anyMatches(Predicate<String>[] alternatives, String line) {
    for (Predicate<String> alternative : alternatives) {
      if (alternative.test(line)) {
        return true;
      }
    }
    return false;
  }

  private static Predicate<String> alternative(Stage.LineFilterOp op, Stage.LineMatch match) {
    if (match.ip()) {
      if (op != Stage.LineFilterOp.CONTAINS && op != Stage.LineFilterOp.NOT_CONTAINS) {
        throw new LogqlParseException("ip: invalid operation", 0, 0);
      }
      return IpMatcher.parse(match.value())::foundIn;
    }
    switch (op) {
      case CONTAINS:
      case NOT_CONTAINS:
        return contains(match.value());
      case REGEX:
      case NOT_REGEX:
        return regex(match.value());
      default:
        return LinePattern.filter(match.value())::test;
    }
  }

  private static Predicate<String> contains(String literal) {
    return line -> line.contains(literal);
  }

  /**
   * A regex search; plain and case-insensitive literals skip the regex engine, and a regex that starts
   * with a literal runs only on lines containing it.
   */
  private static Predicate<String> regex(String regex) {
    Pattern pattern = Re2.pattern(regex);
    if (!REGEX_META.matcher(regex).find()) {
      return contains(regex);
    }
    if (regex.startsWith("(?i)") && !REGEX_META.matcher(regex.substring(4)).find()) {
      return containsIgnoreCase(regex.substring(4));
    }
    Matcher matcher = pattern.matcher("");
    String required = requiredPrefix(regex);
    if (required.isEmpty()) {
      return line -> matcher.reset(line).find();
    }
    return line -> line.contains(required) && matcher.reset(line).find();
  }

  /** The literal text every match of {@code regex} starts with; empty when there is none to rely on. */
  private static String requiredPrefix(String regex) {
    if (regex.indexOf('|') >= 0) {
      return "";
    }
    Matcher meta = REGEX_META.matcher(regex);
    if (!meta.find()) {
      return regex;
    }
    int end = meta.start();
    // A quantifier that allows zero repetitions makes the character before it optional.
    if (end > 0 && "*?{".indexOf(regex.charAt(end)) >= 0) {
      end--;
    }
    return regex.substring(0, end);
  }

  private static Predicate<String> containsIgnoreCase(String literal) {
    int length = literal.length();
    return line -> {
      for (int i = 0, last = line.length() - length; i <= last; i++) {
        if (line.regionMatches(true, i, literal, 0, length)) {
          return true;
        }
      }
      return false;
    };
  }
}
