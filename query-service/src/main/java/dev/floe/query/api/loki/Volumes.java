package dev.floe.query.api.loki;

import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How Loki's volume endpoints group streams: by default into series of the labels the selector
 * names (or of {@code targetLabels}); with {@code aggregateBy=labels}, into one series per label
 * and value. The largest {@code limit} groups are kept.
 */
final class Volumes {
  private final List<String> targets;
  private final boolean explicitTargets;
  private final boolean byLabels;
  private final int limit;

  Volumes(List<String> targets, boolean explicitTargets, boolean byLabels, int limit) {
    this.targets = targets;
    this.explicitTargets = explicitTargets;
    this.byLabels = byLabels;
    this.limit = limit;
  }

  /** Adds a stream's counts to its group or groups. */
  void add(Map<Labels, long[]> groups, Labels stream, long[] counts) {
    if (!byLabels) {
      addTo(groups, stream.only(targets), counts);
      return;
    }
    for (int i = 0; i < stream.size(); i++) {
      if (!explicitTargets || targets.contains(stream.name(i))) {
        addTo(groups, Labels.of(stream.name(i), stream.value(i)), counts);
      }
    }
  }

  private static void addTo(Map<Labels, long[]> groups, Labels group, long[] counts) {
    long[] sum = groups.computeIfAbsent(group, unused -> new long[counts.length]);
    for (int i = 0; i < counts.length; i++) {
      sum[i] += counts[i];
    }
  }

  /** The largest groups by total volume, largest first; ties by labels. */
  List<Map.Entry<Labels, long[]>> top(Map<Labels, long[]> groups) {
    List<Map.Entry<Labels, long[]>> entries = new ArrayList<>(groups.entrySet());
    entries.sort(Comparator.<Map.Entry<Labels, long[]>>comparingLong(e -> -total(e.getValue()))
        .thenComparing(Map.Entry::getKey));
    return entries.subList(0, Math.min(limit, entries.size()));
  }

  private static long total(long[] counts) {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    return total;
  }
}
