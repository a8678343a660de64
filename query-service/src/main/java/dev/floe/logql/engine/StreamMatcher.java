package dev.floe.logql.engine;

import dev.floe.logql.LabelMatcher;
import dev.floe.lang.Labels;
import java.util.List;
import java.util.function.Predicate;

/** A stream selector's matchers, compiled once: whether a stream's labels satisfy all of them. */
public final class StreamMatcher {
  private final String[] names;
  private final List<Predicate<String>> tests;

  private StreamMatcher(String[] names, List<Predicate<String>> tests) {
    this.names = names;
    this.tests = tests;
  }

  public static StreamMatcher of(List<LabelMatcher> matchers) {
    return new StreamMatcher(
        matchers.stream().map(LabelMatcher::name).toArray(String[]::new),
        matchers.stream().map(LabelMatcher::predicate).toList());
  }

  public boolean matches(Labels stream) {
    for (int i = 0; i < names.length; i++) {
      if (!tests.get(i).test(stream.get(names[i]))) {
        return false;
      }
    }
    return true;
  }
}
