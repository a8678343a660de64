package dev.floe.promql.engine;

import dev.floe.promql.LabelMatcher;
import dev.floe.lang.Labels;
import java.util.List;

/** Whether label values satisfy matchers; an absent label has the empty value. */
final class LabelMatching {
  private LabelMatching() {}

  static boolean matches(LabelMatcher matcher, String value) {
    return switch (matcher.type()) {
      case EQUAL -> value.equals(matcher.value());
      case NOT_EQUAL -> !value.equals(matcher.value());
      case REGEX -> matcher.compile().matcher(value).matches();
      case NOT_REGEX -> !matcher.compile().matcher(value).matches();
    };
  }

  static boolean matchesAll(List<LabelMatcher> matchers, Labels labels) {
    return matchers.stream().allMatch(m -> matches(m, labels.get(m.name())));
  }
}
