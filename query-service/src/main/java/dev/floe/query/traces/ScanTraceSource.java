package dev.floe.query.traces;

import dev.floe.lang.QueryContext;
import dev.floe.query.scan.BatchConsumer;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.ScanRequest;
import dev.floe.query.scan.ScanStats;
import dev.floe.query.scan.SignalScanner;
import dev.floe.query.scan.StringColumn;
import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import dev.floe.traces.Span;
import dev.floe.traces.Trace;
import dev.floe.traces.TraceRequest;
import dev.floe.traces.TraceSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Some tenants' traces from a scan of the {@code spans} table (Iceberg snapshot and WAL tail).
 *
 * <p>Every data file and WAL segment is sorted by (tenant, trace id), so {@link #traces} reads all
 * files side by side and merges them by that key ({@link TraceMerge}): a trace is complete once every
 * file has moved past its id, and only its spans are held. A trace by id reads only the files and
 * row groups whose trace-id statistics and bloom filters may hold it, and within those only the rows
 * of the trace.
 */
public final class ScanTraceSource implements TraceSource {
  private final SignalScanner scanner;
  private final QueryContext context;
  private final Consumer<ScanStats> scans;

  /** @param context the query the source serves: its scans stop with it */
  public ScanTraceSource(SignalScanner scanner, QueryContext context) {
    this(scanner, context, stats -> {});
  }

  /** @param scans told what each scan read, for metrics and for tests that check pruning */
  public ScanTraceSource(SignalScanner scanner, QueryContext context, Consumer<ScanStats> scans) {
    this.scanner = scanner;
    this.context = context;
    this.scans = scans;
  }

  @Override
  public void traces(TraceRequest request, Predicate<Trace> sink) {
    if (request.startNanos() >= request.endNanos() || request.tenants().isEmpty()) {
      return;
    }
    ScanRequest scan =
        ScanRequest.builder(Signal.SPANS)
            .tenants(new HashSet<>(request.tenants()))
            .timeRange(request.startNanos(), request.endNanos())
            .columns(SpanRows.COLUMNS)
            .columns(Columns.DURATION_NANOS)
            .context(context)
            .build();
    TraceMerge merge = new TraceMerge(request, sink);
    try {
      scans.accept(scanner.scanFiles(scan, merge));
    } catch (TraceMerge.Stopped stopped) {
      // the sink has what it needs
    }
  }

  @Override
  public List<Span> trace(List<String> tenants, byte[] traceId, long startNanos, long endNanos) {
    if (startNanos >= endNanos || tenants.isEmpty()) {
      return List.of();
    }
    ScanRequest scan =
        ScanRequest.builder(Signal.SPANS)
            .tenants(new HashSet<>(tenants))
            .timeRange(startNanos, endNanos)
            .columns(SpanRows.COLUMNS)
            .traceId(traceId)
            .context(context)
            .build();
    OneTrace collector = new OneTrace(ByteBuffer.wrap(traceId));
    scans.accept(scanner.scan(scan, collector));
    return List.copyOf(collector.spans);
  }

  /** Collects the rows of one trace id; the other columns are decoded for those rows only. */
  private static final class OneTrace implements BatchConsumer {
    private final ByteBuffer traceId;
    private final List<Span> spans = new ArrayList<>();
    private final SpanRows rows = new SpanRows();
    private boolean[] selection = new boolean[0];

    OneTrace(ByteBuffer traceId) {
      this.traceId = traceId;
    }

    @Override
    public void accept(ColumnBatch batch) {
      StringColumn ids = batch.strings(Columns.TRACE_ID);
      int size = batch.size();
      if (selection.length < size) {
        selection = new boolean[size];
      }
      int found = 0;
      for (int row = 0; row < size; row++) {
        selection[row] = traceId.equals(ids.bytes(row));
        if (selection[row]) {
          found++;
        }
      }
      if (found == 0) {
        return;
      }
      batch.select(selection);
      rows.startBatch(batch);
      for (int row = 0; row < size; row++) {
        if (selection[row]) {
          spans.add(rows.span(row));
        }
      }
    }

    @Override
    public void reset() {
      spans.clear();
    }
  }
}
