package dev.floe.traceql.engine;

import dev.floe.traceql.TraceqlQuery;
import dev.floe.traces.TraceRequest;
import dev.floe.traces.TraceSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Runs a TraceQL search: reads traces one at a time, keeps those the pipeline matches, and stops once
 * {@code limit} matched, unless {@code with(most_recent=true)} asks for the newest, which reads all and
 * keeps the {@code limit} newest. At most {@code limit} matched traces are held.
 */
public final class TraceqlSearch {
  private static final Comparator<Match> NEWEST_FIRST =
      Comparator.comparingLong((Match m) -> m.trace().facts().startNanos()).reversed();

  /** A matched trace with the spansets the query returned for it. */
  public record Match(TraceView trace, List<Spanset> spansets) {}

  /** The matched traces, newest first, and how much was read. */
  public record Result(List<Match> matches, long inspectedTraces, long inspectedSpans) {}

  private TraceqlSearch() {}

  /**
   * @param checkpoint called once per trace read; it throws to stop the query (deadline or cancellation)
   */
  public static Result run(TraceqlQuery query, TraceSource source, TraceRequest request, int limit, Runnable checkpoint) {
    if (query.isMetrics()) {
      throw new TraceqlQueryException("a metrics query cannot be used as a search; use /api/metrics/query_range");
    }
    SpansetEvaluator evaluator = new SpansetEvaluator();
    boolean mostRecent = query.mostRecent();
    PriorityQueue<Match> kept = new PriorityQueue<>(NEWEST_FIRST.reversed());
    long[] inspected = {0, 0};
    source.traces(SourceHints.apply(query.spans(), request), trace -> {
      checkpoint.run();
      inspected[0]++;
      inspected[1] += trace.spans().size();
      TraceView view = TraceView.of(trace);
      List<Spanset> spansets = evaluator.evaluate(query.spans(), view);
      if (spansets.isEmpty()) {
        return true;
      }
      kept.add(new Match(view, spansets));
      if (kept.size() > limit) {
        kept.poll();
      }
      return mostRecent || kept.size() < limit;
    });
    List<Match> matches = new ArrayList<>(kept);
    matches.sort(NEWEST_FIRST);
    return new Result(matches, inspected[0], inspected[1]);
  }
}
