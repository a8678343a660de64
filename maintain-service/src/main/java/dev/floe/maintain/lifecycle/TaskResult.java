package dev.floe.maintain.lifecycle;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of a {@link TableTask} did.
 *
 * @param status the outcome
 * @param counts counters of this run keyed by a dotted name such as {@code deleted.records}; the
 *     service reports each as the metric {@code floe.<task>.<key>}. Absent keys mean zero.
 * @param detail a human-readable line for the log, never null
 */
public record TaskResult(Status status, Map<String, Long> counts, String detail) {

  /** The outcome of one run. */
  public enum Status {
    /** The task committed a change or deleted files. */
    CHANGED,
    /** There was nothing to do. */
    UNCHANGED,
    /** A concurrent commit won; nothing was changed and the next run tries again. */
    CONFLICT,
    /** The task refused to run because it would not be safe; {@link #detail} says why. */
    REFUSED
  }

  public TaskResult {
    counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    detail = detail == null ? "" : detail;
  }

  public static TaskResult changed(Map<String, Long> counts, String detail) {
    return new TaskResult(Status.CHANGED, counts, detail);
  }

  public static TaskResult unchanged(String detail) {
    return new TaskResult(Status.UNCHANGED, Map.of(), detail);
  }

  public static TaskResult conflict(String detail) {
    return new TaskResult(Status.CONFLICT, Map.of(), detail);
  }

  public static TaskResult refused(String detail) {
    return new TaskResult(Status.REFUSED, Map.of(), detail);
  }

  /** The counter {@code key}, zero when absent. */
  public long count(String key) {
    return counts.getOrDefault(key, 0L);
  }
}
