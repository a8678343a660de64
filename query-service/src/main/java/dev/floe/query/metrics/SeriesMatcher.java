package dev.floe.query.metrics;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import java.util.List;

/** A selector's matchers; an absent label has the empty value, as in Prometheus. */
final class SeriesMatcher {
  private final List<LabelMatcher> matchers;

  private SeriesMatcher(List<LabelMatcher> matchers) {
    this.matchers = matchers;
  }

  static SeriesMatcher of(List<LabelMatcher> matchers) {
    return new SeriesMatcher(List.copyOf(matchers));
  }

  boolean matches(Labels labels) {
    return LabelMatcher.matchesAll(matchers, labels);
  }

  /** Whether {@code labels} match, ignoring the matchers on the labels named in {@code ignored}. */
  boolean matches(Labels labels, List<String> ignored) {
    for (LabelMatcher matcher : matchers) {
      if (!ignored.contains(matcher.name()) && !matcher.matches(labels.get(matcher.name()))) {
        return false;
      }
    }
    return true;
  }
}
