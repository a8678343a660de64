package dev.floe.promql.engine;

import dev.floe.lang.LabelMatcher;
import java.util.List;

/**
 * The series the engine reads, shaped like Prometheus's {@code storage.Querier}: the engine asks once
 * per selector for every series matching all matchers, with the samples in a closed time interval.
 */
public interface SeriesSource {

  /**
   * The series whose labels satisfy every matcher, each with its samples (staleness markers included)
   * whose timestamps lie in {@code [minTimeMs, maxTimeMs]}, sorted by time. Series without a sample in
   * the interval may be left out. The order of the series does not matter.
   */
  List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs);
}
