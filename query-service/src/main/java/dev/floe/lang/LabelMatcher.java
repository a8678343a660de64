package dev.floe.lang;

import java.util.List;
import java.util.Objects;

/**
 * One {@code name op "value"} condition on a label, as Prometheus's {@code labels.Matcher}: stream and
 * series selectors, LogQL label filters and {@code keep}/{@code drop}. A regex is compiled once, when
 * the matcher is made, and matches whole values ({@code ^(?s:value)$}); an absent label has the empty
 * value. Immutable; equal when name, type and value are.
 */
public final class LabelMatcher {
  private final String name;
  private final MatchType type;
  private final String value;
  private final Regex regex;

  /**
   * A matcher; a regex value is compiled here.
   *
   * @throws Regex.RegexSyntaxException when a regex value is not valid RE2 syntax, with Go's message
   */
  public LabelMatcher(String name, MatchType type, String value) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.value = Objects.requireNonNull(value, "value");
    this.regex = type.isRegex() ? Regex.compileAnchored(value) : null;
  }

  public String name() {
    return name;
  }

  public MatchType type() {
    return type;
  }

  /** The literal value or, for regex matchers, the expression as written. */
  public String value() {
    return value;
  }

  /** Whether a label with value {@code candidate} (the empty string when absent) passes. */
  public boolean matches(String candidate) {
    return switch (type) {
      case EQUAL -> value.equals(candidate);
      case NOT_EQUAL -> !value.equals(candidate);
      case REGEX -> regex.matches(candidate);
      case NOT_REGEX -> !regex.matches(candidate);
    };
  }

  /** Whether a label set without this label would pass. */
  public boolean matchesEmpty() {
    return matches("");
  }

  /** Whether {@code labels} pass every one of {@code matchers}. */
  public static boolean matchesAll(List<LabelMatcher> matchers, Labels labels) {
    for (LabelMatcher matcher : matchers) {
      if (!matcher.matches(labels.get(matcher.name))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelMatcher other && name.equals(other.name) && type == other.type
        && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, value);
  }

  /** As Prometheus prints it: {@code name="value"}, a name that is not a plain identifier quoted. */
  @Override
  public String toString() {
    return (Labels.isLegacyName(name) ? name : GoStrings.quote(name)) + type.symbol() + GoStrings.quote(value);
  }
}
