package dev.floe.query.logs;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.QueryContext;
import dev.floe.lang.Labels;
import dev.floe.query.scan.BatchConsumer;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.LongColumn;
import dev.floe.query.scan.ScanRequest;
import dev.floe.query.scan.SignalScanner;
import dev.floe.query.scan.StringColumn;
import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Loki's index answers, read from the {@code logs} table: which streams have entries in a time
 * range, and how many entries and bytes they hold. Label sets are matched once per distinct stream.
 */
public final class StreamIndex {
  private final SignalScanner scanner;
  private final QueryContext context;

  /** @param context the query the index serves: its scans stop with it */
  public StreamIndex(SignalScanner scanner, QueryContext context) {
    this.scanner = scanner;
    this.context = context;
  }

  /** Entries and bytes of one stream in the range. */
  public record StreamStats(long entries, long bytes) {}

  /** The streams with entries in {@code [startNanos, endNanos)} that {@code matchers} select (all when empty). */
  public Set<Labels> streams(Set<String> tenants, long startNanos, long endNanos, List<LabelMatcher> matchers) {
    return count(tenants, startNanos, endNanos, 0, matchers, false).keySet();
  }

  /** Per stream, the entries and line bytes in the range. */
  public Map<Labels, StreamStats> stats(
      Set<String> tenants, long startNanos, long endNanos, List<LabelMatcher> matchers) {
    Map<Labels, StreamStats> result = new HashMap<>();
    count(tenants, startNanos, endNanos, 0, matchers, true)
        .forEach((stream, counts) -> result.put(stream, new StreamStats(counts[0], counts[1])));
    return result;
  }

  /**
   * Per stream, the line bytes of each step of a range: element {@code i} counts the entries in
   * {@code (start + i * step - step, start + i * step]}, as a range query's step {@code i} sees them.
   */
  public Map<Labels, long[]> bytesPerStep(
      Set<String> tenants, long startNanos, long endNanos, long stepNanos, List<LabelMatcher> matchers) {
    return count(tenants, startNanos - stepNanos + 1, endNanos + 1, stepNanos, matchers, true);
  }

  /**
   * Counts per stream: without a step, {@code [entries, bytes]}; with one, bytes per step from the
   * first step that ends at or after {@code startNanos + stepNanos - 1}.
   */
  private Map<Labels, long[]> count(
      Set<String> tenants, long startNanos, long endNanos, long stepNanos, List<LabelMatcher> matchers, boolean withBytes) {
    if (startNanos >= endNanos) {
      return Map.of();
    }
    LogRows rows = new LogRows();
    ScanRequest.Builder request =
        ScanRequest.builder(Signal.LOGS)
            .tenants(tenants)
            .timeRange(startNanos, endNanos)
            .labelFilter(text -> LabelMatcher.matchesAll(matchers, rows.stream(text)))
            .context(context);
    if (stepNanos > 0) {
      request.columns(Columns.STREAM_LABELS, Columns.TIMESTAMP, Columns.BODY);
    } else if (withBytes) {
      request.columns(Columns.STREAM_LABELS, Columns.BODY);
    } else {
      request.columns(Columns.STREAM_LABELS);
    }
    Counter counter = new Counter(rows, withBytes, startNanos, endNanos, stepNanos);
    scanner.scan(request.build(), counter);
    return counter.counts;
  }

  /** Counts entries and bytes per stream, or bytes per stream and step. */
  private static final class Counter implements BatchConsumer {
    private final LogRows rows;
    private final boolean withBytes;
    private final long firstStepStart;
    private final long stepNanos;
    private final int buckets;
    private final Map<Labels, long[]> counts = new HashMap<>();

    Counter(LogRows rows, boolean withBytes, long startNanos, long endNanos, long stepNanos) {
      this.rows = rows;
      this.withBytes = withBytes;
      this.firstStepStart = startNanos;
      this.stepNanos = stepNanos;
      this.buckets = stepNanos > 0 ? (int) ((endNanos - 1 - startNanos) / stepNanos) + 1 : 2;
    }

    @Override
    public void accept(ColumnBatch batch) {
      StringColumn labels = batch.strings(Columns.STREAM_LABELS);
      StringColumn body = withBytes ? batch.strings(Columns.BODY) : null;
      LongColumn time = stepNanos > 0 ? batch.longs(Columns.TIMESTAMP) : null;
      for (int row = 0; row < batch.size(); row++) {
        int id = labels.dictionaryId(row);
        Labels stream = rows.stream(id >= 0 ? labels.dictionaryValue(id) : labels.get(row));
        long[] perStream = counts.computeIfAbsent(stream, unused -> new long[buckets]);
        long bytes = body == null ? 0 : body.length(row);
        if (time == null) {
          perStream[0]++;
          perStream[1] += bytes;
        } else {
          perStream[(int) ((time.get(row) - firstStepStart) / stepNanos)] += bytes;
        }
      }
    }

    @Override
    public void reset() {
      counts.clear();
    }
  }
}
