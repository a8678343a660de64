package dev.floe.logql.pipeline;

import dev.floe.lang.LabelMatcher;
import dev.floe.logql.LabelFilter;
import dev.floe.logql.LogqlParseException;
import java.util.function.Predicate;

/**
 * Compiles label filters. As in Loki, only string matchers can drop a line that already has an error; a
 * numeric, duration, bytes or ip filter drops a line without the label, and on a value that does not
 * convert keeps the line and sets {@code __error__=LabelFilterErr}.
 */
final class LabelFilters {
  static final String LABEL_FILTER_ERROR = "LabelFilterErr";

  private LabelFilters() {}

  /** A test on an entry's labels, which may set its error. */
  interface LabelPredicate {
    boolean test(EntryBuilder entry);
  }

  private interface Conversion {
    double convert(String value) throws GoValues.ConversionException;
  }

  static StageFunction stage(LabelFilter filter) {
    LabelPredicate predicate = compile(filter);
    return (ts, line, entry) -> predicate.test(entry) ? line : null;
  }

  static LabelPredicate compile(LabelFilter filter) {
    if (filter instanceof LabelFilter.And and) {
      LabelPredicate left = compile(and.left());
      LabelPredicate right = compile(and.right());
      return entry -> left.test(entry) && right.test(entry);
    }
    if (filter instanceof LabelFilter.Or or) {
      LabelPredicate left = compile(or.left());
      LabelPredicate right = compile(or.right());
      return entry -> left.test(entry) || right.test(entry);
    }
    if (filter instanceof LabelFilter.StringFilter string) {
      String name = string.matcher().name();
      LabelMatcher matches = string.matcher();
      return entry -> {
        String value = entry.get(name);
        return matches.matches(value == null ? "" : value);
      };
    }
    if (filter instanceof LabelFilter.NumberFilter number) {
      return comparison(number.name(), number.op(), number.value(), GoValues::parseFloat);
    }
    if (filter instanceof LabelFilter.DurationFilter duration) {
      return comparison(duration.name(), duration.op(), duration.value().toNanos(), GoValues::parseDuration);
    }
    if (filter instanceof LabelFilter.BytesFilter bytes) {
      return comparison(bytes.name(), bytes.op(), literalBytes(bytes.value()), GoValues::parseBytes);
    }
    LabelFilter.IpFilter ip = (LabelFilter.IpFilter) filter;
    IpMatcher addresses = IpMatcher.parse(ip.pattern());
    return entry -> {
      if (entry.hasError()) {
        return true;
      }
      String value = entry.get(ip.name());
      return value != null && addresses.foundIn(value) != ip.negated();
    };
  }

  private static double literalBytes(String literal) {
    try {
      return GoValues.parseBytes(literal);
    } catch (GoValues.ConversionException e) {
      throw new LogqlParseException("invalid bytes literal " + literal + ": " + e.getMessage(), 0, 0);
    }
  }

  private static LabelPredicate comparison(
      String name, LabelFilter.Comparison op, double expected, Conversion conversion) {
    return entry -> {
      if (entry.hasError()) {
        return true;
      }
      String text = entry.get(name);
      if (text == null) {
        return false;
      }
      double value;
      try {
        value = conversion.convert(text);
      } catch (GoValues.ConversionException e) {
        entry.setError(LABEL_FILTER_ERROR, e.getMessage());
        return true;
      }
      switch (op) {
        case EQ:
          return value == expected;
        case NEQ:
          return value != expected;
        case GT:
          return value > expected;
        case GTE:
          return value >= expected;
        case LT:
          return value < expected;
        default:
          return value <= expected;
      }
    };
  }
}
