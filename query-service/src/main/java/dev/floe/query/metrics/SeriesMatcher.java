package dev.floe.query.metrics;

import dev.floe.promql.LabelMatcher;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A selector's matchers compiled once; an absent label has the empty value, as in Prometheus. */
final class SeriesMatcher {
  private final String[] names;
  private final List<Predicate<String>> tests;

  private SeriesMatcher(String[] names, List<Predicate<String>> tests) {
    this.names = names;
    this.tests = tests;
  }

  static SeriesMatcher of(List<LabelMatcher> matchers) {
    String[] names = new String[matchers.size()];
    List<Predicate<String>> tests = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      LabelMatcher matcher = matchers.get(i);
      names[i] = matcher.name();
      tests.add(test(matcher));
    }
    return new SeriesMatcher(names, tests);
  }

  private static Predicate<String> test(LabelMatcher matcher) {
    String value = matcher.value();
    return switch (matcher.type()) {
      case EQUAL -> value::equals;
      case NOT_EQUAL -> v -> !v.equals(value);
      case REGEX -> {
        Pattern pattern = matcher.compile();
        yield v -> pattern.matcher(v).matches();
      }
      case NOT_REGEX -> {
        Pattern pattern = matcher.compile();
        yield v -> !pattern.matcher(v).matches();
      }
    };
  }

  boolean matches(Labels labels) {
    return matches(labels, null);
  }

  /** Whether {@code labels} match, ignoring the matchers on the labels named in {@code ignored}. */
  boolean matches(Labels labels, List<String> ignored) {
    for (int i = 0; i < names.length; i++) {
      if (ignored != null && ignored.contains(names[i])) {
        continue;
      }
      if (!tests.get(i).test(labels.get(names[i]))) {
        return false;
      }
    }
    return true;
  }
}
