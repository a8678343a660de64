package dev.floe.promql;

import dev.floe.lang.GoStrings;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code name op "value"} condition of a vector selector.
 *
 * @param name the label name
 * @param type the comparison
 * @param value the literal value or, for regex matchers, the pattern (anchored at both ends)
 */
public record LabelMatcher(String name, MatchType type, String value) {

  /** Whether a series without this label (an empty value) would match. */
  public boolean matchesEmpty() {
    return switch (type) {
      case EQUAL -> value.isEmpty();
      case NOT_EQUAL -> !value.isEmpty();
      case REGEX -> compile().matcher("").matches();
      case NOT_REGEX -> !compile().matcher("").matches();
    };
  }

  /** Compiles the regex value; throws {@link PatternSyntaxException} when it is invalid. */
  public Pattern compile() {
    return Pattern.compile(value, Pattern.DOTALL);
  }

  @Override
  public String toString() {
    return Printing.labelName(name) + type.symbol() + GoStrings.quote(value);
  }
}
