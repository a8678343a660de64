package dev.floe.logql;

import dev.floe.lang.LabelMatcher;
import java.util.List;
import java.util.stream.Collectors;

/** {@code {a="b", c=~"d"}}: which streams a log query reads. */
public record StreamSelector(List<LabelMatcher> matchers) {
  public StreamSelector {
    matchers = List.copyOf(matchers);
  }

  @Override
  public String toString() {
    return matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ", "{", "}"));
  }
}
