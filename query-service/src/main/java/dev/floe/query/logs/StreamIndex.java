package dev.floe.query.logs;

import dev.floe.logql.LabelMatcher;
import dev.floe.logql.engine.StreamMatcher;
import dev.floe.query.Labels;
import dev.floe.query.scan.BatchConsumer;
import dev.floe.query.scan.ColumnBatch;
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

  public StreamIndex(SignalScanner scanner) {
    this.scanner = scanner;
  }

  /** Entries and bytes of one stream in the range. */
  public record StreamStats(long entries, long bytes) {}

  /** The streams with entries in {@code [startNanos, endNanos)} that {@code matchers} select (all when empty). */
  public Set<Labels> streams(Set<String> tenants, long startNanos, long endNanos, List<LabelMatcher> matchers) {
    return stats(tenants, startNanos, endNanos, matchers, false).keySet();
  }

  /**
   * Per stream, the entries and line bytes in the range; {@code withBytes} false leaves bytes 0 and
   * reads only the label column.
   */
  public Map<Labels, StreamStats> stats(
      Set<String> tenants, long startNanos, long endNanos, List<LabelMatcher> matchers, boolean withBytes) {
    if (startNanos >= endNanos) {
      return Map.of();
    }
    StreamMatcher matcher = StreamMatcher.of(matchers);
    LogRows rows = new LogRows();
    ScanRequest.Builder request =
        ScanRequest.builder(Signal.LOGS)
            .tenants(tenants)
            .timeRange(startNanos, endNanos)
            .labelFilter(text -> matcher.matches(rows.stream(text)));
    if (withBytes) {
      request.columns(Columns.STREAM_LABELS, Columns.BODY);
    } else {
      request.columns(Columns.STREAM_LABELS);
    }
    Counter counter = new Counter(rows, withBytes);
    scanner.scan(request.build(), counter);
    Map<Labels, StreamStats> result = new HashMap<>();
    counter.entries.forEach((stream, entries) -> result.put(stream, new StreamStats(entries[0], entries[1])));
    return result;
  }

  /** Counts entries and bytes per stream. */
  private static final class Counter implements BatchConsumer {
    private final LogRows rows;
    private final boolean withBytes;
    private final Map<Labels, long[]> entries = new HashMap<>();

    Counter(LogRows rows, boolean withBytes) {
      this.rows = rows;
      this.withBytes = withBytes;
    }

    @Override
    public void accept(ColumnBatch batch) {
      StringColumn labels = batch.strings(Columns.STREAM_LABELS);
      StringColumn body = withBytes ? batch.strings(Columns.BODY) : null;
      for (int row = 0; row < batch.size(); row++) {
        int id = labels.dictionaryId(row);
        Labels stream = rows.stream(id >= 0 ? labels.dictionaryValue(id) : labels.get(row));
        long[] counts = entries.computeIfAbsent(stream, unused -> new long[2]);
        counts[0]++;
        if (body != null && !body.isNull(row)) {
          counts[1] += body.bytes(row).remaining();
        }
      }
    }

    @Override
    public void reset() {
      entries.clear();
    }
  }
}
