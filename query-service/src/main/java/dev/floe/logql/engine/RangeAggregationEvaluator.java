package dev.floe.logql.engine;

import dev.floe.logql.LabelMatcher;
import dev.floe.logql.MatchOp;
import dev.floe.logql.MetricExpr.RangeAggregation;
import dev.floe.logql.RangeOp;
import dev.floe.logql.Stage;
import dev.floe.logql.engine.QueryValue.Sample;
import dev.floe.logql.pipeline.ProcessedEntry;
import dev.floe.query.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Evaluates a range aggregation at every step: reads the log range once, turns each kept line into a sample of
 * its series, then slides Loki's {@code (t - offset - range, t - offset]} window over each series.
 */
final class RangeAggregationEvaluator {
  private final RangeAggregation aggregation;
  private final WindowFunction function;
  private final Function<ProcessedEntry, Labels> seriesLabels;
  private final ToDoubleFunction<ProcessedEntry> sampleValue;

  private RangeAggregationEvaluator(RangeAggregation aggregation) {
    this.aggregation = aggregation;
    this.function = WindowFunction.of(aggregation);
    this.seriesLabels = seriesLabels(aggregation);
    this.sampleValue = sampleValue(aggregation);
  }

  /** The aggregation's vector at each of {@code steps}. */
  static List<List<Sample>> evaluate(Evaluation evaluation, RangeAggregation aggregation, Steps steps) {
    return new RangeAggregationEvaluator(aggregation).run(evaluation, steps);
  }

  private List<List<Sample>> run(Evaluation evaluation, Steps steps) {
    long range = aggregation.range().range().toNanos();
    long offset = aggregation.range().offset().toNanos();
    Map<Labels, SeriesSamples> series = new LinkedHashMap<>();
    // A stream without parsers always yields the same series: remember it instead of regrouping every line.
    Map<Labels, SeriesSamples> byStream = new HashMap<>();
    // Each series sorts its own samples, so the source may deliver entries in any order without holding them.
    evaluation.scanUnordered(
        aggregation.range().log(),
        steps.start() - offset - range + 1,
        steps.last() - offset + 1,
        () -> {
          series.clear();
          byStream.clear();
        },
        (timestampNanos, entry) -> {
          SeriesSamples target = entry.structuredMetadata().isEmpty() && entry.parsed().isEmpty()
              ? byStream.computeIfAbsent(entry.stream(), stream -> seriesOf(series, entry))
              : seriesOf(series, entry);
          target.add(timestampNanos, sampleValue.applyAsDouble(entry));
          return true;
        });
    Labels absentLabels = aggregation.op() == RangeOp.ABSENT_OVER_TIME ? absentLabels() : null;
    List<List<Sample>> vectors = new ArrayList<>(steps.count());
    for (int step = 0; step < steps.count(); step++) {
      evaluation.checkDeadline();
      long time = steps.time(step);
      List<Sample> vector = new ArrayList<>();
      for (SeriesSamples samples : series.values()) {
        if (samples.slide(time - offset - range, time - offset)) {
          if (samples.labels().has(LogqlQueryException.ERROR_LABEL)) {
            throw LogqlQueryException.pipelineError(samples.labels());
          }
          vector.add(new Sample(samples.labels(), time, samples.apply(function)));
        }
      }
      if (absentLabels != null) {
        vector = vector.isEmpty() ? List.of(new Sample(absentLabels, time, 1)) : List.of();
      }
      vectors.add(vector);
    }
    return vectors;
  }

  private SeriesSamples seriesOf(Map<Labels, SeriesSamples> series, ProcessedEntry entry) {
    return series.computeIfAbsent(seriesLabels.apply(entry), SeriesSamples::new);
  }

  /**
   * A sample's series: the entry's labels reduced by the grouping. Loki drops the unwrapped label unless the
   * grouping names labels to keep ({@code by ()} keeps all others then). Errors keep all labels so that the
   * query can report them.
   */
  private static Function<ProcessedEntry, Labels> seriesLabels(RangeAggregation aggregation) {
    Stage.Unwrap unwrap = aggregation.range().log().unwrap();
    List<String> named = aggregation.grouping() == null ? List.of() : aggregation.grouping().labels();
    boolean without =
        aggregation.grouping() == null || aggregation.grouping().without() || (unwrap != null && named.isEmpty());
    Set<String> labels = new HashSet<>(named);
    if (without && unwrap != null) {
      labels.add(unwrap.label());
    }
    return entry -> {
      Labels all = entry.labels();
      if (all.has(LogqlQueryException.ERROR_LABEL)) {
        return all;
      }
      return without ? all.without(labels) : all.only(labels);
    };
  }

  private static ToDoubleFunction<ProcessedEntry> sampleValue(RangeAggregation aggregation) {
    if (aggregation.op() == RangeOp.BYTES_OVER_TIME || aggregation.op() == RangeOp.BYTES_RATE) {
      return entry -> Utf8.length(entry.line());
    }
    if (aggregation.range().log().unwrap() == null) {
      return entry -> 1;
    }
    return ProcessedEntry::value;
  }

  /** Like Prometheus's {@code absent}: the labels the selector's equality matchers fix, each named once. */
  private Labels absentLabels() {
    Labels.Builder labels = Labels.builder();
    Set<String> ambiguous = new HashSet<>();
    for (LabelMatcher matcher : aggregation.range().log().selector().matchers()) {
      if (matcher.op() == MatchOp.EQUAL && labels.get(matcher.name()).isEmpty() && !ambiguous.contains(matcher.name())) {
        labels.set(matcher.name(), matcher.value());
      } else {
        ambiguous.add(matcher.name());
      }
    }
    ambiguous.forEach(labels::remove);
    return labels.build();
  }
}
