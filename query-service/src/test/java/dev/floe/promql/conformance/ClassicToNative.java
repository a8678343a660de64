package dev.floe.promql.conformance;

import dev.floe.promql.engine.FloatHistogram;
import dev.floe.promql.engine.Sample;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code load_with_nhcb} loads: the classic histogram series as given, plus for each classic
 * histogram a native histogram with custom buckets under the name without {@code _bucket}.
 */
final class ClassicToNative {
  private ClassicToNative() {}

  static Map<Labels, List<Sample>> withNative(Map<Labels, List<Sample>> series) {
    Map<Labels, TreeMap<Double, List<Sample>>> buckets = new LinkedHashMap<>();
    Map<Labels, List<Sample>> counts = new HashMap<>();
    Map<Labels, List<Sample>> sums = new HashMap<>();
    for (Map.Entry<Labels, List<Sample>> entry : series.entrySet()) {
      Labels labels = entry.getKey();
      String name = labels.get("__name__");
      if (name.endsWith("_bucket") && labels.has("le")) {
        double le;
        try {
          le = SeriesNotation.number(labels.get("le"));
        } catch (NumberFormatException e) {
          continue;
        }
        Labels key = base(labels.without(List.of("le")), "_bucket");
        buckets.computeIfAbsent(key, k -> new TreeMap<>()).merge(le, entry.getValue(), (a, b) -> a);
      } else if (name.endsWith("_count")) {
        counts.put(base(labels, "_count"), entry.getValue());
      } else if (name.endsWith("_sum")) {
        sums.put(base(labels, "_sum"), entry.getValue());
      }
    }
    Map<Labels, List<Sample>> out = new LinkedHashMap<>(series);
    buckets.forEach((key, byBound) -> {
      int length = byBound.values().stream().mapToInt(List::size).max().orElse(0);
      List<Sample> histograms = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        histograms.add(histogramAt(i, byBound, counts.get(key), sums.get(key)));
      }
      out.put(key, histograms);
    });
    return out;
  }

  private static Labels base(Labels labels, String suffix) {
    String name = labels.get("__name__");
    return labels.toBuilder().set("__name__", name.substring(0, name.length() - suffix.length())).build();
  }

  private static Sample histogramAt(int i, TreeMap<Double, List<Sample>> byBound, List<Sample> count, List<Sample> sum) {
    List<Double> bounds = new ArrayList<>();
    Map<Integer, Double> counts = new HashMap<>();
    double previous = 0;
    int index = 0;
    for (Map.Entry<Double, List<Sample>> bucket : byBound.entrySet()) {
      Sample sample = i < bucket.getValue().size() ? bucket.getValue().get(i) : null;
      if (sample == null) {
        return null;
      }
      if (bucket.getKey() != Double.POSITIVE_INFINITY) {
        bounds.add(bucket.getKey());
      }
      double cumulative = sample.value();
      if (cumulative - previous != 0) {
        counts.put(index, cumulative - previous);
      }
      previous = cumulative;
      index++;
    }
    double total = count != null && i < count.size() && count.get(i) != null ? count.get(i).value() : previous;
    double sumValue = sum != null && i < sum.size() && sum.get(i) != null ? sum.get(i).value() : 0;
    double[] customValues = bounds.stream().mapToDouble(Double::doubleValue).toArray();
    return Sample.of(0, new FloatHistogram(FloatHistogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, total, sumValue, counts,
        Map.of(), customValues, FloatHistogram.CounterResetHint.UNKNOWN));
  }
}
