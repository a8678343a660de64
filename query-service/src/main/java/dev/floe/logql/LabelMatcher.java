package dev.floe.logql;

import dev.floe.lang.GoStrings;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** {@code name op "value"}: a stream selector matcher, also used by label filters and {@code keep}/{@code drop}. */
public record LabelMatcher(String name, MatchOp op, String value) {

  /** Whether a label that is absent (has the empty value) passes; regexes are anchored as in Prometheus. */
  public boolean matchesEmpty() {
    switch (op) {
      case EQUAL:
        return value.isEmpty();
      case NOT_EQUAL:
        return !value.isEmpty();
      case REGEX:
        return Validation.compile(value).matcher("").matches();
      default:
        return !Validation.compile(value).matcher("").matches();
    }
  }

  /** A test of label values, its regex compiled once; an absent label is tested as the empty value. */
  public Predicate<String> predicate() {
    switch (op) {
      case EQUAL:
        return value::equals;
      case NOT_EQUAL:
        return candidate -> !value.equals(candidate);
      case REGEX:
        Pattern pattern = Validation.compile(value);
        return candidate -> pattern.matcher(candidate).matches();
      default:
        Pattern negated = Validation.compile(value);
        return candidate -> !negated.matcher(candidate).matches();
    }
  }

  @Override
  public String toString() {
    return name + op.symbol() + GoStrings.quote(value);
  }
}
