package dev.floe.promql.engine;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A mutable {@link SeriesSource} held in memory, for tests and small fixed data sets. */
public final class InMemorySeriesSource implements SeriesSource {
  private final Map<Labels, TreeMap<Long, Sample>> series = new HashMap<>();

  /** Adds a sample, replacing any earlier one of the same series at the same time. */
  public synchronized void add(Labels labels, Sample sample) {
    series.computeIfAbsent(labels, l -> new TreeMap<>()).put(sample.timestampMs(), sample);
  }

  public synchronized void clear() {
    series.clear();
  }

  @Override
  public synchronized List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs) {
    List<Series> result = new ArrayList<>();
    for (Map.Entry<Labels, TreeMap<Long, Sample>> entry : series.entrySet()) {
      if (LabelMatcher.matchesAll(matchers, entry.getKey())) {
        List<Sample> samples = new ArrayList<>(entry.getValue().subMap(minTimeMs, true, maxTimeMs, true).values());
        if (!samples.isEmpty()) {
          result.add(new Series(entry.getKey(), samples));
        }
      }
    }
    return result;
  }
}
