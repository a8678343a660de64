package dev.floe.logql.engine;

import dev.floe.logql.LogSelector;
import dev.floe.logql.engine.QueryValue.LogEntry;
import dev.floe.logql.engine.QueryValue.Stream;
import dev.floe.logql.pipeline.ProcessedEntry;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A log query as Loki answers {@code query_range}: the first {@code limit} entries in the query's direction
 * across all streams, grouped by their labels after the pipeline, streams sorted by their label text.
 */
final class LogQueryEvaluator {
  private final LogqlQuery query;
  // The query's order: by time in its direction, then as read.
  private final Comparator<Candidate> order;

  private record Candidate(long timestampNanos, long sequence, ProcessedEntry entry) {}

  private LogQueryEvaluator(LogqlQuery query) {
    this.query = query;
    Comparator<Candidate> byTime = Comparator.comparingLong(Candidate::timestampNanos);
    this.order = (query.direction() == Direction.FORWARD ? byTime : byTime.reversed())
        .thenComparingLong(Candidate::sequence);
  }

  static QueryValue.Streams evaluate(Evaluation evaluation, LogSelector selector, LogqlQuery query) {
    if (query.instant()) {
      throw LogqlQueryException.badRequest(
          "log queries are not supported as an instant query type, please change your query to a range query type");
    }
    int max = evaluation.limits().maxEntriesLimitPerQuery();
    if (max > 0 && query.limit() > max) {
      throw LogqlQueryException.entriesLimit(query.limit(), max);
    }
    LogQueryEvaluator evaluator = new LogQueryEvaluator(query);
    Collection<Candidate> candidates = query.limit() == 0 ? List.of() : evaluator.read(evaluation, selector);
    return evaluator.streams(evaluator.kept(candidates));
  }

  /**
   * The entries that can be among the result. Without an interval only the best {@code limit} can, so a heap
   * holds them; an interval depends on every entry before, so all are kept.
   */
  private Collection<Candidate> read(Evaluation evaluation, LogSelector selector) {
    boolean bounded = query.intervalNanos() == 0;
    PriorityQueue<Candidate> best = new PriorityQueue<>(order.reversed());
    List<Candidate> all = new ArrayList<>();
    long[] sequence = {0};
    evaluation.scan(
        selector,
        query.startNanos(),
        query.endNanos(),
        query.direction(),
        null,
        (timestampNanos, entry) -> {
          Candidate candidate = new Candidate(timestampNanos, sequence[0]++, entry);
          if (!bounded) {
            all.add(candidate);
            return true;
          }
          if (best.size() < query.limit()) {
            best.add(candidate);
            return true;
          }
          // An ordered source has nothing better to come.
          if (evaluation.ordered()) {
            return false;
          }
          if (order.compare(candidate, best.peek()) < 0) {
            best.poll();
            best.add(candidate);
          }
          return true;
        });
    return bounded ? best : all;
  }

  /**
   * The result's entries in the query's order: with an interval, Loki keeps an entry only once the interval has
   * passed since the last kept one, whichever stream either came from.
   */
  private List<Candidate> kept(Collection<Candidate> candidates) {
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(order);
    long interval = query.intervalNanos();
    boolean forward = query.direction() == Direction.FORWARD;
    List<Candidate> kept = new ArrayList<>();
    for (Candidate candidate : sorted) {
      if (kept.size() == query.limit()) {
        break;
      }
      if (interval > 0 && !kept.isEmpty()) {
        long last = kept.get(kept.size() - 1).timestampNanos();
        if (forward ? candidate.timestampNanos() < last + interval : candidate.timestampNanos() > last - interval) {
          continue;
        }
      }
      kept.add(candidate);
    }
    return kept;
  }

  private QueryValue.Streams streams(List<Candidate> kept) {
    Map<Labels, List<LogEntry>> streams = new LinkedHashMap<>();
    for (Candidate candidate : kept) {
      ProcessedEntry entry = candidate.entry();
      streams
          .computeIfAbsent(entry.labels(), labels -> new ArrayList<>())
          .add(new LogEntry(candidate.timestampNanos(), entry.line(), entry.structuredMetadata(), entry.parsed()));
    }
    List<Stream> result = new ArrayList<>(streams.size());
    streams.forEach((labels, entries) -> result.add(new Stream(labels, entries)));
    result.sort(Comparator.comparing(stream -> stream.labels().toString()));
    return new QueryValue.Streams(result);
  }
}
