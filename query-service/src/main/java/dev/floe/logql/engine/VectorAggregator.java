package dev.floe.logql.engine;

import dev.floe.logql.Grouping;
import dev.floe.logql.MetricExpr.VectorAggregation;
import dev.floe.logql.VectorOp;
import dev.floe.logql.engine.QueryValue.Sample;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

/** Applies a vector aggregation ({@code sum by (a)}, {@code topk(3, ...)}, {@code sort}) to one step's vector. */
final class VectorAggregator {
  // Largest first, NaN last, as Prometheus ranks for topk and sort_desc.
  private static final Comparator<Sample> DESCENDING =
      (a, b) -> Double.isNaN(a.value()) ? (Double.isNaN(b.value()) ? 0 : 1)
          : Double.isNaN(b.value()) ? -1 : Double.compare(b.value(), a.value());
  private static final Comparator<Sample> ASCENDING =
      (a, b) -> Double.isNaN(a.value()) ? (Double.isNaN(b.value()) ? 0 : 1)
          : Double.isNaN(b.value()) ? -1 : Double.compare(a.value(), b.value());

  private final VectorAggregation aggregation;

  VectorAggregator(VectorAggregation aggregation) {
    this.aggregation = aggregation;
  }

  List<Sample> apply(List<Sample> vector, long time) {
    switch (aggregation.op()) {
      case SORT:
        return sorted(vector, ASCENDING);
      case SORT_DESC:
        return sorted(vector, DESCENDING);
      case TOPK:
      case APPROX_TOPK:
        return ranked(vector, DESCENDING);
      case BOTTOMK:
        return ranked(vector, ASCENDING);
      default:
        return reduced(vector, time);
    }
  }

  private static List<Sample> sorted(List<Sample> vector, Comparator<Sample> order) {
    List<Sample> sorted = new ArrayList<>(vector);
    sorted.sort(order);
    return sorted;
  }

  /** The {@code k} first samples of each group in {@code order}, with their own labels. */
  private List<Sample> ranked(List<Sample> vector, Comparator<Sample> order) {
    int k = aggregation.parameter().intValue();
    List<Sample> kept = new ArrayList<>();
    for (List<Sample> group : groups(vector).values()) {
      group.sort(order);
      kept.addAll(group.subList(0, Math.min(k, group.size())));
    }
    return kept;
  }

  private List<Sample> reduced(List<Sample> vector, long time) {
    List<Sample> result = new ArrayList<>();
    for (Map.Entry<Labels, List<Sample>> group : groups(vector).entrySet()) {
      result.add(new Sample(group.getKey(), time, reduce(aggregation.op(), group.getValue())));
    }
    return result;
  }

  private Map<Labels, List<Sample>> groups(List<Sample> vector) {
    Map<Labels, List<Sample>> groups = new LinkedHashMap<>();
    for (Sample sample : vector) {
      groups.computeIfAbsent(groupOf(sample.labels()), key -> new ArrayList<>()).add(sample);
    }
    return groups;
  }

  private Labels groupOf(Labels labels) {
    Grouping grouping = aggregation.grouping();
    if (grouping == null) {
      return Labels.EMPTY;
    }
    return grouping.without() ? labels.without(grouping.labels()) : labels.only(grouping.labels());
  }

  private static double reduce(VectorOp op, List<Sample> group) {
    double[] values = group.stream().mapToDouble(Sample::value).toArray();
    switch (op) {
      case SUM:
        return DoubleStream.of(values).sum();
      case COUNT:
        return values.length;
      case AVG:
        return DoubleStream.of(values).sum() / values.length;
      case MAX:
        return WindowFunction.extreme(values, 0, values.length, true);
      case MIN:
        return WindowFunction.extreme(values, 0, values.length, false);
      case STDVAR:
        return WindowFunction.variance(values, 0, values.length);
      case STDDEV:
        return Math.sqrt(WindowFunction.variance(values, 0, values.length));
      default:
        throw new IllegalArgumentException("not a reducing aggregation: " + op);
    }
  }
}
