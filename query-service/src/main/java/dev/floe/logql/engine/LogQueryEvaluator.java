package dev.floe.logql.engine;

import dev.floe.logql.LogSelector;
import dev.floe.logql.engine.QueryValue.LogEntry;
import dev.floe.logql.engine.QueryValue.Stream;
import dev.floe.query.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A log query as Loki answers {@code query_range}: the first {@code limit} entries in the query's direction
 * across all streams, grouped by their labels after the pipeline, streams sorted by their label text.
 */
final class LogQueryEvaluator {
  private LogQueryEvaluator() {}

  static QueryValue.Streams evaluate(Evaluation evaluation, LogSelector selector, LogqlQuery query) {
    if (query.instant()) {
      throw LogqlQueryException.badRequest(
          "log queries are not supported as an instant query type, please change your query to a range query type");
    }
    int max = evaluation.limits().maxEntriesLimitPerQuery();
    if (max > 0 && query.limit() > max) {
      throw LogqlQueryException.entriesLimit(query.limit(), max);
    }
    Map<Labels, List<LogEntry>> streams = new LinkedHashMap<>();
    boolean forward = query.direction() == Direction.FORWARD;
    long interval = query.intervalNanos();
    // With an interval, Loki keeps an entry only once the interval has passed since the last kept one,
    // whichever stream either came from.
    long[] last = {0};
    int[] kept = {0};
    if (query.limit() > 0) {
      evaluation.scan(
          selector,
          query.startNanos(),
          query.endNanos(),
          query.direction(),
          (timestampNanos, entry) -> {
            if (interval > 0
                && kept[0] > 0
                && (forward ? timestampNanos < last[0] + interval : timestampNanos > last[0] - interval)) {
              return true;
            }
            streams
                .computeIfAbsent(entry.labels(), labels -> new ArrayList<>())
                .add(new LogEntry(timestampNanos, entry.line(), entry.structuredMetadata(), entry.parsed()));
            last[0] = timestampNanos;
            return ++kept[0] < query.limit();
          });
    }
    List<Stream> result = new ArrayList<>(streams.size());
    streams.forEach((labels, entries) -> result.add(new Stream(labels, entries)));
    result.sort(Comparator.comparing(stream -> stream.labels().toString()));
    return new QueryValue.Streams(result);
  }
}
