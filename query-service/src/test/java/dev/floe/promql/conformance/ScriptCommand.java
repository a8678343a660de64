package dev.floe.promql.conformance;

import dev.floe.promql.engine.Sample;
import dev.floe.lang.Labels;
import java.util.List;
import java.util.Map;

/** One command of a Prometheus engine test script. */
sealed interface ScriptCommand {

  /**
   * {@code load <interval>}: samples at 0, interval, 2 * interval, ...; {@code null} entries are gaps.
   * {@code load_with_nhcb} also loads each classic histogram as a native histogram with custom buckets.
   */
  record Load(long intervalMs, Map<Labels, List<Sample>> series, boolean withNhcb) implements ScriptCommand {}

  /** {@code clear}. */
  record Clear() implements ScriptCommand {}

  /**
   * An {@code eval} command with what it expects.
   *
   * @param line the script line, for reports
   * @param expected expected series and their values ({@code null} = gap); a scalar result has one
   *     entry with {@code null} labels
   */
  record Eval(
      int line,
      String expr,
      long startMs,
      long endMs,
      long stepMs,
      boolean range,
      Map<Labels, List<Sample>> expected,
      List<Labels> expectedOrder,
      Expectations expectations)
      implements ScriptCommand {}

  /** The {@code expect} lines of an eval. */
  record Expectations(
      boolean fail,
      String failMessage,
      String failRegex,
      boolean warn,
      List<String> warnMessages,
      List<String> warnRegexes,
      boolean info,
      List<String> infoMessages,
      List<String> infoRegexes,
      boolean noWarn,
      boolean noInfo,
      boolean ordered,
      String string,
      long[] rangeVector) {}
}
