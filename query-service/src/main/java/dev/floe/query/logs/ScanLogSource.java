package dev.floe.query.logs;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.lang.QueryContext;
import dev.floe.logql.engine.EntrySink;
import dev.floe.logql.engine.LogScan;
import dev.floe.logql.engine.LogSource;
import dev.floe.logql.pipeline.Pipeline;
import dev.floe.query.scan.BatchConsumer;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.LongColumn;
import dev.floe.query.scan.ScanRequest;
import dev.floe.query.scan.SignalScanner;
import dev.floe.query.scan.StringColumn;
import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import java.util.List;
import java.util.Set;

/**
 * Some tenants' logs as a LogQL {@link LogSource}: a scan of the {@code logs} table (Iceberg snapshot
 * and WAL tail) whose stream matchers run once per distinct stream and whose leading line filters
 * run before a row is materialised. Rows come in file order, not time order: the engine orders what
 * it keeps.
 */
public final class ScanLogSource implements LogSource {
  /** The {@code logs} table columns a scan reads. */
  public static final List<String> COLUMNS = List.of(LogRows.COLUMNS);

  private final SignalScanner scanner;
  private final Set<String> tenants;
  private final QueryContext context;

  /** @param context the query the source serves: its scans stop with it */
  public ScanLogSource(SignalScanner scanner, Set<String> tenants, QueryContext context) {
    this.scanner = scanner;
    this.tenants = Set.copyOf(tenants);
    this.context = context;
  }

  @Override
  public void scan(LogScan scan, EntrySink sink) {
    if (scan.startNanos() >= scan.endNanos()) {
      return;
    }
    LogRows rows = new LogRows(scan.metadataNames());
    ScanRequest request =
        ScanRequest.builder(Signal.LOGS)
            .tenants(tenants)
            .timeRange(scan.startNanos(), scan.endNanos())
            .columns(LogRows.COLUMNS)
            .labelFilter(text -> LabelMatcher.matchesAll(scan.matchers(), rows.stream(text)))
            .context(context)
            .build();
    Delivery delivery = new Delivery(rows, lineFilter(scan), sink);
    try {
      scanner.scan(request, delivery);
    } catch (Stopped stopped) {
      // the sink has what it needs
    }
  }

  private static Pipeline lineFilter(LogScan scan) {
    return scan.lineFilters().isEmpty() ? null : Pipeline.compile(List.copyOf(scan.lineFilters()));
  }

  /** Ends a scan early once the sink declines more entries. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /**
   * Hands each row of the scan to the sink: first runs the line filter over the batch's lines, then reads
   * the other columns of the rows it kept only.
   */
  private static final class Delivery implements BatchConsumer {
    private final LogRows rows;
    private final Pipeline lineFilter;
    private final EntrySink sink;
    private boolean delivered;
    private boolean[] passed = new boolean[0];

    Delivery(LogRows rows, Pipeline lineFilter, EntrySink sink) {
      this.rows = rows;
      this.lineFilter = lineFilter;
      this.sink = sink;
    }

    @Override
    public void accept(ColumnBatch batch) {
      LongColumn time = batch.longs(Columns.TIMESTAMP);
      StringColumn body = batch.strings(Columns.BODY);
      if (lineFilter != null && !filterLines(batch, time, body)) {
        return;
      }
      StringColumn streamLabels = batch.strings(Columns.STREAM_LABELS);
      rows.startBatch(batch);
      for (int row = 0; row < batch.size(); row++) {
        if (lineFilter != null && !passed[row]) {
          continue;
        }
        long timestamp = time.get(row);
        String line = body.isNull(row) ? "" : body.get(row);
        int id = streamLabels.dictionaryId(row);
        Labels stream = rows.stream(id >= 0 ? streamLabels.dictionaryValue(id) : streamLabels.get(row));
        delivered = true;
        if (!sink.accept(stream, rows.structuredMetadata(batch, row, stream, line), timestamp, line, body.length(row))) {
          throw new Stopped();
        }
      }
    }

    /** Flags the rows whose line passes the filter and selects them; false when none does. */
    private boolean filterLines(ColumnBatch batch, LongColumn time, StringColumn body) {
      int size = batch.size();
      if (passed.length < size) {
        passed = new boolean[size];
      }
      int kept = 0;
      for (int row = 0; row < size; row++) {
        String line = body.isNull(row) ? "" : body.get(row);
        passed[row] = lineFilter.process(time.get(row), line, Labels.EMPTY, Labels.EMPTY) != null;
        if (passed[row]) {
          kept++;
        }
      }
      if (kept < size) {
        batch.select(passed);
      }
      return kept > 0;
    }

    @Override
    public void reset() {
      if (delivered) {
        // The engine cannot take entries back: a re-plan after delivery is a failed query, not a wrong one.
        throw new IllegalStateException(
            "a WAL segment was compacted and deleted while the query read it; run the query again");
      }
    }
  }
}
