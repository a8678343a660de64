package dev.floe.logql.engine;

import dev.floe.logql.LabelMatcher;
import dev.floe.logql.Stage;
import java.util.List;

/**
 * What a {@link LogSource} reads: entries of the streams matching every matcher, with timestamps in
 * {@code [startNanos, endNanos)}; an {@linkplain LogSource#ordered() ordered} source delivers them in
 * {@code direction}'s timestamp order.
 *
 * <p>{@code lineFilters} are the query's leading line filters, which see the original line. A source may
 * use them to skip lines early; the engine applies them again, so ignoring them is correct too.
 */
public record LogScan(
    List<LabelMatcher> matchers,
    List<Stage.LineFilter> lineFilters,
    long startNanos,
    long endNanos,
    Direction direction) {

  public LogScan {
    matchers = List.copyOf(matchers);
    lineFilters = List.copyOf(lineFilters);
    if (endNanos < startNanos) {
      throw new IllegalArgumentException("scan ends before it starts: [" + startNanos + ", " + endNanos + ")");
    }
  }
}
