package dev.floe.traceql.engine;

import dev.floe.traceql.Attribute;
import dev.floe.traceql.MetricsAggregate;
import dev.floe.traceql.MetricsFunction;
import dev.floe.traceql.Static;
import dev.floe.traceql.StaticType;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sorts the spans of one metrics query into series and buckets and computes the first-stage function
 * as Tempo does: counts and rates (0 in empty buckets), min/max/sum/avg of a field (durations in
 * seconds; NaN in empty buckets), and log2 histograms for {@code histogram_over_time} (label
 * {@code __bucket}) and {@code quantile_over_time} (label {@code p}, interpolated like Log2Quantile).
 */
final class MetricsAggregator {
  private static final HexFormat HEX = HexFormat.of();

  private final MetricsAggregate aggregate;
  private final MetricsRange range;
  private final FieldEvaluator fields = new FieldEvaluator();
  private final int exemplarLimit;
  private final int maxSeries;
  private final Map<List<Static>, Cell> cells = new LinkedHashMap<>();

  /** The accumulators of one series: per bucket count, sum, min and max, and exemplars. */
  private static final class Cell {
    final long[] count;
    final double[] sum;
    final double[] min;
    final double[] max;
    final List<MetricsSeries.Exemplar> exemplars = new ArrayList<>();
    final int[] exemplarsPerBucket;

    Cell(int intervals) {
      count = new long[intervals];
      sum = new double[intervals];
      min = new double[intervals];
      max = new double[intervals];
      exemplarsPerBucket = new int[intervals];
      Arrays.fill(min, Double.NaN);
      Arrays.fill(max, Double.NaN);
    }
  }

  MetricsAggregator(MetricsAggregate aggregate, MetricsRange range, int exemplarLimit, int maxSeries) {
    this.aggregate = aggregate;
    this.range = range;
    this.exemplarLimit = range.instant() ? 0 : exemplarLimit;
    this.maxSeries = maxSeries;
  }

  void observe(SpanRow row) {
    int interval = range.interval(row.span().startNanos());
    if (interval < 0) {
      return;
    }
    List<Static> key = new ArrayList<>(aggregate.by().size() + 1);
    for (Attribute by : aggregate.by()) {
      key.add(fields.value(by, row));
    }
    double value = Double.NaN;
    MetricsFunction function = aggregate.function();
    if (function == MetricsFunction.HISTOGRAM_OVER_TIME || function == MetricsFunction.QUANTILE_OVER_TIME) {
      Static field = fields.value(aggregate.attribute(), row);
      Static bucket = bucket(field);
      if (bucket == null) {
        return;
      }
      key.add(bucket);
      value = field.asMetric();
    } else if (aggregate.attribute() != null) {
      value = fields.value(aggregate.attribute(), row).asMetric();
      if (Double.isNaN(value)) {
        return;
      }
    }
    Cell cell = cells.get(key);
    if (cell == null) {
      if (cells.size() >= maxSeries) {
        throw new TraceqlQueryException("the query exceeds the maximum of " + maxSeries + " series");
      }
      cell = new Cell(range.intervals());
      cells.put(key, cell);
    }
    cell.count[interval]++;
    if (!Double.isNaN(value)) {
      cell.sum[interval] += value;
      cell.min[interval] = Double.isNaN(cell.min[interval]) ? value : Math.min(cell.min[interval], value);
      cell.max[interval] = Double.isNaN(cell.max[interval]) ? value : Math.max(cell.max[interval], value);
    }
    exemplar(cell, interval, row, value);
  }

  private void exemplar(Cell cell, int interval, SpanRow row, double value) {
    if (cell.exemplars.size() >= exemplarLimit) {
      return;
    }
    int perBucket = Math.max(1, exemplarLimit / Math.max(1, range.intervals()));
    if (cell.exemplarsPerBucket[interval] >= perBucket) {
      return;
    }
    cell.exemplarsPerBucket[interval]++;
    List<Map.Entry<String, Static>> labels = List.of(
        entry("trace:id", Static.ofString(HEX.formatHex(row.span().traceId()))),
        entry("span:id", Static.ofString(HEX.formatHex(row.span().spanId()))));
    cell.exemplars.add(new MetricsSeries.Exemplar(labels, value, row.span().startNanos() / 1_000_000L));
  }

  /** Tempo's log2 bucket of a duration (in seconds) or integer; null for other values and values below 2. */
  private static Static bucket(Static value) {
    if (value.type() != StaticType.DURATION && value.type() != StaticType.INT) {
      return null;
    }
    long v = value.asLong();
    if (v < 2) {
      return null;
    }
    double bucket = (double) (1L << (64 - Long.numberOfLeadingZeros(v - 1)));
    return Static.ofFloat(value.type() == StaticType.DURATION ? bucket / 1e9 : bucket);
  }

  List<MetricsSeries> result() {
    if (aggregate.function() == MetricsFunction.QUANTILE_OVER_TIME) {
      return quantiles();
    }
    List<MetricsSeries> out = new ArrayList<>();
    for (Map.Entry<List<Static>, Cell> e : cells.entrySet()) {
      Cell cell = e.getValue();
      double[] values = new double[range.intervals()];
      for (int i = 0; i < values.length; i++) {
        values[i] = sample(cell, i);
      }
      out.add(new MetricsSeries(labels(e.getKey(), aggregate.function() == MetricsFunction.HISTOGRAM_OVER_TIME),
          values, cell.exemplars));
    }
    return out;
  }

  private double sample(Cell cell, int i) {
    switch (aggregate.function()) {
      case RATE: return cell.count[i] / range.bucketSeconds();
      case COUNT_OVER_TIME:
      case HISTOGRAM_OVER_TIME: return cell.count[i];
      case MIN_OVER_TIME: return cell.min[i];
      case MAX_OVER_TIME: return cell.max[i];
      case SUM_OVER_TIME: return cell.count[i] == 0 ? Double.NaN : cell.sum[i];
      default: return cell.count[i] == 0 ? Double.NaN : cell.sum[i] / cell.count[i];
    }
  }

  private List<MetricsSeries> quantiles() {
    Map<List<Static>, TreeMap<Double, long[]>> groups = new LinkedHashMap<>();
    Map<List<Static>, List<MetricsSeries.Exemplar>> exemplars = new LinkedHashMap<>();
    for (Map.Entry<List<Static>, Cell> e : cells.entrySet()) {
      List<Static> key = e.getKey();
      List<Static> group = key.subList(0, key.size() - 1);
      groups.computeIfAbsent(group, g -> new TreeMap<>()).put(key.get(key.size() - 1).asDouble(), e.getValue().count);
      exemplars.computeIfAbsent(group, g -> new ArrayList<>()).addAll(e.getValue().exemplars);
    }
    List<MetricsSeries> out = new ArrayList<>();
    for (Map.Entry<List<Static>, TreeMap<Double, long[]>> group : groups.entrySet()) {
      List<Map.Entry<String, Static>> base = labels(group.getKey(), false);
      if (aggregate.by().isEmpty()) {
        base = List.of();
      }
      List<Double> qs = aggregate.quantiles();
      for (int qi = 0; qi < qs.size(); qi++) {
        double q = qs.get(qi);
        double[] values = new double[range.intervals()];
        for (int i = 0; i < values.length; i++) {
          List<double[]> buckets = new ArrayList<>();
          for (Map.Entry<Double, long[]> b : group.getValue().entrySet()) {
            if (b.getValue()[i] > 0) {
              buckets.add(new double[] {b.getKey(), b.getValue()[i]});
            }
          }
          values[i] = buckets.isEmpty() ? 0 : log2Quantile(q, buckets);
        }
        List<Map.Entry<String, Static>> labels = new ArrayList<>(base);
        labels.add(entry("p", Static.ofFloat(q)));
        out.add(new MetricsSeries(labels, values, qi == qs.size() - 1 ? exemplars.get(group.getKey()) : List.of()));
      }
    }
    return out;
  }

  /** Tempo's Log2Quantile over buckets {max, count} sorted by max. */
  static double log2Quantile(double p, List<double[]> buckets) {
    long total = 0;
    for (double[] b : buckets) {
      total += (long) b[1];
    }
    if (total == 0 || Double.isNaN(p) || p < 0 || p > 1) {
      return 0;
    }
    long maxSamples = Math.max(1, (long) Math.ceil(p * total));
    long seen = 0;
    int bucket = 0;
    for (int i = 0; i < buckets.size(); i++) {
      bucket = i;
      long count = (long) buckets.get(i)[1];
      if (seen + count > maxSamples) {
        break;
      }
      seen += count;
      if (seen == maxSamples) {
        return buckets.get(i)[0];
      }
    }
    double interp = (double) (maxSamples - seen) / buckets.get(bucket)[1];
    double maxV = Math.log(buckets.get(bucket)[0]) / Math.log(2);
    double minV = bucket > 0 ? Math.log(buckets.get(bucket - 1)[0]) / Math.log(2) : maxV - 1;
    return Math.pow(2, minV + (maxV - minV) * interp);
  }

  /** Tempo's series labels: non-nil group values; {@code __name__} when ungrouped; one nil label when all are nil. */
  private List<Map.Entry<String, Static>> labels(List<Static> key, boolean withBucket) {
    List<Map.Entry<String, Static>> labels = new ArrayList<>();
    List<Attribute> by = aggregate.by();
    for (int i = 0; i < by.size(); i++) {
      if (!key.get(i).isNil()) {
        labels.add(entry(by.get(i).text(), key.get(i)));
      }
    }
    if (withBucket) {
      labels.add(entry("__bucket", key.get(key.size() - 1)));
    }
    if (labels.isEmpty()) {
      labels.add(by.isEmpty()
          ? entry("__name__", Static.ofString(aggregate.function().text()))
          : entry(by.get(0).text(), Static.NIL));
    }
    return labels;
  }

  static Map.Entry<String, Static> entry(String name, Static value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }
}
