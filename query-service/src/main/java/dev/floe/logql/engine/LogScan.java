package dev.floe.logql.engine;

import dev.floe.lang.LabelMatcher;
import dev.floe.logql.Stage;
import java.util.List;
import java.util.Set;

/**
 * What a {@link LogSource} reads: entries of the streams matching every matcher, with timestamps in
 * {@code [startNanos, endNanos)}; an {@linkplain LogSource#ordered() ordered} source delivers them in
 * {@code direction}'s timestamp order.
 *
 * <p>{@code lineFilters} are the query's leading line filters, which see the original line. A source may
 * use them to skip lines early; the engine applies them again, so ignoring them is correct too.
 *
 * <p>{@code metadataNames} are the structured metadata names the query can observe, or null when it may
 * observe any: a source may leave the other names out of the entries' structured metadata.
 */
public record LogScan(
    List<LabelMatcher> matchers,
    List<Stage.LineFilter> lineFilters,
    long startNanos,
    long endNanos,
    Direction direction,
    Set<String> metadataNames) {

  public LogScan {
    matchers = List.copyOf(matchers);
    lineFilters = List.copyOf(lineFilters);
    metadataNames = metadataNames == null ? null : Set.copyOf(metadataNames);
    if (endNanos < startNanos) {
      throw new IllegalArgumentException("scan ends before it starts: [" + startNanos + ", " + endNanos + ")");
    }
  }

  /** A scan whose entries carry all their structured metadata. */
  public LogScan(
      List<LabelMatcher> matchers, List<Stage.LineFilter> lineFilters, long startNanos, long endNanos, Direction direction) {
    this(matchers, lineFilters, startNanos, endNanos, direction, null);
  }
}
