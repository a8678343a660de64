package dev.floe.logql.engine;

import dev.floe.logql.Grouping;
import dev.floe.logql.LabelFilter;
import dev.floe.logql.LogSelector;
import dev.floe.logql.Stage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which structured metadata names a range aggregation can observe: with {@code by (...)}, only the grouping
 * labels and those its pipeline reads, as long as no stage can read or rename labels it does not name
 * (parsers, which rename a parsed label that clashes with an existing one, and templates).
 */
final class ObservedMetadata {
  private static final String EXTRACTED_SUFFIX = "_extracted";

  private ObservedMetadata() {}

  /** The names, or null when the aggregation may observe any. */
  static Set<String> of(LogSelector log, Grouping grouping) {
    // Unwrapping with "by ()" keeps every label but the unwrapped one, as "without" does.
    if (grouping == null || grouping.without() || grouping.labels().isEmpty() && log.unwrap() != null) {
      return null;
    }
    Set<String> names = new HashSet<>(grouping.labels());
    for (Stage stage : log.stages()) {
      if (!addReadNames(stage, names)) {
        return null;
      }
    }
    // Metadata named like a stream label shows as name_extracted.
    for (String name : List.copyOf(names)) {
      if (name.endsWith(EXTRACTED_SUFFIX)) {
        names.add(name.substring(0, name.length() - EXTRACTED_SUFFIX.length()));
      }
    }
    return names;
  }

  /** Adds the names {@code stage} reads; false when it may read or rename any label. */
  private static boolean addReadNames(Stage stage, Set<String> names) {
    if (stage instanceof Stage.LineFilter || stage instanceof Stage.Decolorize || stage instanceof Stage.Drop) {
      // Dropping labels the grouping does not name changes nothing it observes.
      return true;
    }
    if (stage instanceof Stage.LabelFilterStage filter) {
      addFilterNames(filter.filter(), names);
      return true;
    }
    if (stage instanceof Stage.Keep keep) {
      keep.labels().forEach(selection -> names.add(selection.name()));
      return true;
    }
    if (stage instanceof Stage.Distinct distinct) {
      names.addAll(distinct.labels());
      return true;
    }
    if (stage instanceof Stage.Unwrap unwrap) {
      names.add(unwrap.label());
      return true;
    }
    return false;
  }

  private static void addFilterNames(LabelFilter filter, Set<String> names) {
    if (filter instanceof LabelFilter.And and) {
      addFilterNames(and.left(), names);
      addFilterNames(and.right(), names);
    } else if (filter instanceof LabelFilter.Or or) {
      addFilterNames(or.left(), names);
      addFilterNames(or.right(), names);
    } else if (filter instanceof LabelFilter.StringFilter string) {
      names.add(string.matcher().name());
    } else if (filter instanceof LabelFilter.NumberFilter number) {
      names.add(number.name());
    } else if (filter instanceof LabelFilter.DurationFilter duration) {
      names.add(duration.name());
    } else if (filter instanceof LabelFilter.BytesFilter bytes) {
      names.add(bytes.name());
    } else {
      names.add(((LabelFilter.IpFilter) filter).name());
    }
  }
}
