package dev.floe.promql;

import dev.floe.lang.GoStrings;
import dev.floe.lang.LabelMatcher;
import dev.floe.lang.MatchType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An instant vector selector such as {@code http_requests_total{job="api"} offset 5m}.
 *
 * @param name the metric name, or {@code null} when only matchers were given
 * @param matchers the label matchers written in braces, kept sorted by their printed form as
 *     Prometheus prints them, so that equal selectors compare equal whatever the source order
 * @param offsetMillis the offset modifier, 0 when absent
 * @param at the {@code @} modifier, or {@code null}
 * @param extension the experimental {@code anchored} or {@code smoothed} modifier
 * @param offsetExpr an experimental offset expression depending on the query (in seconds), or {@code null}
 */
public record VectorSelector(
    String name,
    List<LabelMatcher> matchers,
    long offsetMillis,
    AtModifier at,
    RangeExtension extension,
    Expr offsetExpr)
    implements Expr {

  public VectorSelector {
    matchers = matchers.stream().sorted(Comparator.comparing(LabelMatcher::toString)).toList();
  }

  public VectorSelector(String name, List<LabelMatcher> matchers, long offsetMillis, AtModifier at) {
    this(name, matchers, offsetMillis, at, RangeExtension.NONE, null);
  }

  VectorSelector withOffset(DurationArg offset) {
    return new VectorSelector(name, matchers, offset.millis(), at, extension, offset.expr());
  }

  VectorSelector withAt(AtModifier newAt) {
    return new VectorSelector(name, matchers, offsetMillis, newAt, extension, offsetExpr);
  }

  VectorSelector withExtension(RangeExtension newExtension) {
    return new VectorSelector(name, matchers, offsetMillis, at, newExtension, offsetExpr);
  }

  boolean hasOffset() {
    return offsetMillis != 0 || offsetExpr != null;
  }

  /** The matchers including the one on {@code __name__} implied by the metric name. */
  public List<LabelMatcher> allMatchers() {
    List<LabelMatcher> all = new ArrayList<>();
    if (name != null) {
      all.add(new LabelMatcher("__name__", MatchType.EQUAL, name));
    }
    all.addAll(matchers);
    return all;
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  /** The selector without its modifiers, which a matrix selector prints before its range. */
  String selectorString() {
    StringBuilder out = new StringBuilder();
    boolean legacyName = name != null && Printing.isLegacyName(name, true);
    if (legacyName) {
      out.append(name);
    }
    List<String> parts = new ArrayList<>();
    if (name != null && !legacyName) {
      parts.add(GoStrings.quote(name));
    }
    for (LabelMatcher matcher : matchers) {
      parts.add(matcher.toString());
    }
    if (!parts.isEmpty() || name == null) {
      out.append('{').append(String.join(",", parts)).append('}');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return selectorString() + AtModifier.modifiers(at, offsetMillis, offsetExpr) + extension.suffix();
  }
}
