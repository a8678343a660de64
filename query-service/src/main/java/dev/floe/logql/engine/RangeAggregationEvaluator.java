package dev.floe.logql.engine;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.lang.MatchType;
import dev.floe.logql.MetricExpr.RangeAggregation;
import dev.floe.logql.RangeOp;
import dev.floe.logql.Stage;
import dev.floe.logql.engine.QueryValue.Sample;
import dev.floe.logql.pipeline.ProcessedEntry;
import dev.floe.otlp.Utf8;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
  private final Steps steps;
  private final Function<Labels, SeriesWindows> newSeries;
  private final Function<ProcessedEntry, Labels> seriesLabels;
  private final ToDoubleFunction<ProcessedEntry> sampleValue;

  private RangeAggregationEvaluator(RangeAggregation aggregation, Steps steps) {
    this.aggregation = aggregation;
    this.steps = steps;
    if (StepTotals.applies(aggregation)) {
      newSeries = labels -> new StepTotals(labels, aggregation, steps);
    } else {
      WindowFunction function = WindowFunction.of(aggregation);
      newSeries = labels -> new SeriesSamples(labels, function);
    }
    this.seriesLabels = seriesLabels(aggregation);
    this.sampleValue = sampleValue(aggregation);
  }

  /** The aggregation's vector at each of {@code steps}. */
  static List<List<Sample>> evaluate(Evaluation evaluation, RangeAggregation aggregation, Steps steps) {
    return new RangeAggregationEvaluator(aggregation, steps).run(evaluation);
  }

  private List<List<Sample>> run(Evaluation evaluation) {
    long range = aggregation.range().range().toNanos();
    long offset = aggregation.range().offset().toNanos();
    Map<Labels, SeriesWindows> series = new LinkedHashMap<>();
    Set<String> observed = ObservedMetadata.of(aggregation.range().log(), aggregation.grouping());
    // Without parsed labels, a line's series follows from its stream and structured metadata: remember it
    // rather than regroup every line. Only when the metadata is empty or limited to the names the grouping
    // observes, so that per-line metadata such as trace ids does not make one entry per line.
    Map<Labels, Map<Labels, SeriesWindows>> byStream = new HashMap<>();
    evaluation.scan(
        aggregation.range().log(),
        steps.start() - offset - range + 1,
        steps.last() - offset + 1,
        Direction.FORWARD,
        observed,
        (timestampNanos, entry) -> {
          SeriesWindows target = entry.parsed().isEmpty() && (observed != null || entry.structuredMetadata().isEmpty())
              ? byStream.computeIfAbsent(entry.stream(), stream -> new HashMap<>())
                  .computeIfAbsent(entry.structuredMetadata(), metadata -> seriesOf(series, entry))
              : seriesOf(series, entry);
          target.add(timestampNanos, sampleValue.applyAsDouble(entry));
          return true;
        });
    byStream.clear();
    List<List<Sample>> vectors = new ArrayList<>(steps.count());
    for (int step = 0; step < steps.count(); step++) {
      vectors.add(new ArrayList<>());
    }
    // Series by series, each dropped once done, so that only one holds its per-step state at a time.
    for (Iterator<SeriesWindows> remaining = series.values().iterator(); remaining.hasNext(); ) {
      evaluation.checkDeadline();
      SeriesWindows samples = remaining.next();
      remaining.remove();
      for (int step = 0; step < steps.count(); step++) {
        long time = steps.time(step);
        if (samples.advance(step, time - offset - range, time - offset)) {
          if (samples.labels().has(LogqlQueryException.ERROR_LABEL)) {
            throw LogqlQueryException.pipelineError(samples.labels());
          }
          vectors.get(step).add(new Sample(samples.labels(), time, samples.value()));
        }
      }
    }
    if (aggregation.op() == RangeOp.ABSENT_OVER_TIME) {
      Labels absent = absentLabels();
      for (int step = 0; step < steps.count(); step++) {
        boolean present = !vectors.get(step).isEmpty();
        vectors.set(step, present ? List.of() : List.of(new Sample(absent, steps.time(step), 1)));
      }
    }
    return vectors;
  }

  private SeriesWindows seriesOf(Map<Labels, SeriesWindows> series, ProcessedEntry entry) {
    return series.computeIfAbsent(seriesLabels.apply(entry), newSeries);
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
      String name = matcher.name();
      if (matcher.type() == MatchType.EQUAL && labels.get(name).isEmpty() && !ambiguous.contains(name)) {
        labels.set(name, matcher.value());
      } else {
        ambiguous.add(name);
      }
    }
    ambiguous.forEach(labels::remove);
    return labels.build();
  }
}
