package dev.floe.traceql.engine;

import dev.floe.traceql.MetricsAggregate;
import dev.floe.traceql.Static;
import dev.floe.traceql.StaticType;
import dev.floe.traces.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compare({filter}, topN, start, end)}: splits the spans into a selection (the filter holds, and
 * the span starts in the optional window) and a baseline, and counts every attribute value of each per
 * bucket: series {@code {__meta_type="baseline"|"selection", <attr>=<value>}} for the top N values of each
 * attribute by total, and {@code {__meta_type="baseline_total"|"selection_total", <attr>=nil}}.
 */
final class CompareAggregator {
  private final MetricsAggregate aggregate;
  private final MetricsRange range;
  private final int maxSeries;
  private final FieldEvaluator fields = new FieldEvaluator();
  private final Map<String, Map<Static, double[]>> baseline = new LinkedHashMap<>();
  private final Map<String, Map<Static, double[]>> selection = new LinkedHashMap<>();
  private final Map<String, double[]> baselineTotals = new LinkedHashMap<>();
  private final Map<String, double[]> selectionTotals = new LinkedHashMap<>();
  private int values;

  CompareAggregator(MetricsAggregate aggregate, MetricsRange range, int maxSeries) {
    this.aggregate = aggregate;
    this.range = range;
    this.maxSeries = maxSeries;
  }

  void observe(SpanRow row) {
    long start = row.span().startNanos();
    int interval = range.interval(start);
    if (interval < 0) {
      return;
    }
    boolean inWindow = aggregate.compareStart() <= 0 || aggregate.compareEnd() <= 0
        || (start > aggregate.compareStart() && start <= aggregate.compareEnd());
    boolean selected = inWindow && fields.test(aggregate.compareFilter().expr(), row);
    Map<String, Map<Static, double[]>> dest = selected ? selection : baseline;
    Map<String, double[]> totals = selected ? selectionTotals : baselineTotals;
    Span span = row.span();
    count(dest, totals, "name", Static.ofString(span.name()), interval);
    count(dest, totals, "status", Static.ofStatus(span.statusCode()), interval);
    count(dest, totals, "kind", Static.ofKind(span.kind()), interval);
    if (span.statusMessage() != null && !span.statusMessage().isEmpty()) {
      count(dest, totals, "statusMessage", Static.ofString(span.statusMessage()), interval);
    }
    for (Map.Entry<String, String> a : span.attributes().entrySet()) {
      count(dest, totals, "span." + a.getKey(),
          SpanRow.decode(a.getValue(), span.valueTypes().get("attributes." + a.getKey())), interval);
    }
    if (span.resource() != null) {
      for (Map.Entry<String, String> a : span.resource().attributes().entrySet()) {
        count(dest, totals, "resource." + a.getKey(),
            SpanRow.decode(a.getValue(), span.valueTypes().get("resource." + a.getKey())), interval);
      }
    }
  }

  private void count(Map<String, Map<Static, double[]>> dest, Map<String, double[]> totals, String name, Static value,
      int interval) {
    if (value.isNil() || value.type() == StaticType.DURATION || value.type().isArray()) {
      return;
    }
    Map<Static, double[]> byValue = dest.computeIfAbsent(name, n -> new LinkedHashMap<>());
    double[] counts = byValue.get(value);
    if (counts == null) {
      if (++values > maxSeries * 10) {
        throw new TraceqlQueryException("compare() found more than " + (maxSeries * 10) + " attribute values");
      }
      counts = new double[range.intervals()];
      byValue.put(value, counts);
    }
    counts[interval]++;
    totals.computeIfAbsent(name, n -> new double[range.intervals()])[interval]++;
  }

  List<MetricsSeries> result() {
    List<MetricsSeries> out = new ArrayList<>();
    values("baseline", baseline, out);
    values("selection", selection, out);
    totals("baseline_total", baselineTotals, out);
    totals("selection_total", selectionTotals, out);
    return out;
  }

  private void values(String type, Map<String, Map<Static, double[]>> data, List<MetricsSeries> out) {
    for (Map.Entry<String, Map<Static, double[]>> attribute : data.entrySet()) {
      List<Map.Entry<Static, double[]>> entries = new ArrayList<>(attribute.getValue().entrySet());
      entries.sort((a, b) -> Double.compare(sum(b.getValue()), sum(a.getValue())));
      for (Map.Entry<Static, double[]> e : entries.subList(0, Math.min(aggregate.topN(), entries.size()))) {
        out.add(new MetricsSeries(
            List.of(MetricsAggregator.entry("__meta_type", Static.ofString(type)),
                MetricsAggregator.entry(attribute.getKey(), e.getKey())),
            e.getValue(), List.of()));
      }
    }
  }

  private static void totals(String type, Map<String, double[]> data, List<MetricsSeries> out) {
    for (Map.Entry<String, double[]> e : data.entrySet()) {
      out.add(new MetricsSeries(
          List.of(MetricsAggregator.entry("__meta_type", Static.ofString(type)),
              MetricsAggregator.entry(e.getKey(), Static.NIL)),
          e.getValue(), List.of()));
    }
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
