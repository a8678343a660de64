package dev.floe.logql.pipeline;

import dev.floe.lang.Regex;
import dev.floe.logql.LogqlParseException;
import dev.floe.logql.Stage;
import java.util.List;
import java.util.function.Predicate;

/** Compiles line filters ({@code |= != |~ !~ |> !>} with {@code or} and {@code ip()}) into tests on the raw line. */
final class LineFilters {
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
        return regex(match.value())::find;
      default:
        return LinePattern.filter(match.value())::test;
    }
  }

  /** {@code expression} compiled; when invalid, a parse error with Go's message, as Loki reports it. */
  static Regex regex(String expression) {
    try {
      return Regex.compile(expression);
    } catch (Regex.RegexSyntaxException e) {
      throw new LogqlParseException(e.getMessage(), 0, 0);
    }
  }

  private static Predicate<String> contains(String literal) {
    return line -> line.contains(literal);
  }
}
