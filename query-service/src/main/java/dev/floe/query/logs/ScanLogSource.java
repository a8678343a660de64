package dev.floe.query.logs;

import dev.floe.logql.engine.Direction;
import dev.floe.logql.engine.EntrySink;
import dev.floe.logql.engine.LogScan;
import dev.floe.logql.engine.LogSource;
import dev.floe.logql.engine.StreamMatcher;
import dev.floe.logql.pipeline.Pipeline;
import dev.floe.query.Labels;
import dev.floe.query.scan.BatchConsumer;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.LongColumn;
import dev.floe.query.scan.ScanRequest;
import dev.floe.query.scan.SignalScanner;
import dev.floe.query.scan.StringColumn;
import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Some tenants' logs as a LogQL {@link LogSource}: a scan of the {@code logs} table (Iceberg snapshot
 * and WAL tail) whose stream matchers run once per distinct stream and whose leading line filters
 * run before a row is materialised.
 *
 * <p>Rows come from files sorted by stream, not by time, so the entries of an ordered scan are
 * gathered and sorted before they are delivered; {@code maxEntries} bounds the memory that takes. An
 * unordered scan (a metric query's) streams each entry straight to the sink and holds none.
 */
public final class ScanLogSource implements LogSource {
  /** The {@code logs} table columns a scan reads. */
  public static final List<String> COLUMNS = List.of(LogRows.COLUMNS);

  private final SignalScanner scanner;
  private final Set<String> tenants;
  private final int maxEntries;

  public ScanLogSource(SignalScanner scanner, Set<String> tenants, int maxEntries) {
    this.scanner = scanner;
    this.tenants = Set.copyOf(tenants);
    this.maxEntries = maxEntries;
  }

  @Override
  public void scan(LogScan scan, EntrySink sink) {
    if (scan.startNanos() >= scan.endNanos()) {
      return;
    }
    StreamMatcher matcher = StreamMatcher.of(scan.matchers());
    LogRows rows = new LogRows();
    ScanRequest request =
        ScanRequest.builder(Signal.LOGS)
            .tenants(tenants)
            .timeRange(scan.startNanos(), scan.endNanos())
            .columns(LogRows.COLUMNS)
            .labelFilter(text -> matcher.matches(rows.stream(text)))
            .build();
    if (scan.ordered()) {
      Gathered gathered = new Gathered(rows, lineFilter(scan), maxEntries);
      scanner.scan(request, gathered);
      gathered.deliver(scan.direction(), sink);
    } else {
      scanner.scan(request, new Streamed(rows, lineFilter(scan), sink));
    }
  }

  private static Pipeline lineFilter(LogScan scan) {
    return scan.lineFilters().isEmpty() ? null : Pipeline.compile(List.copyOf(scan.lineFilters()));
  }

  /** Reads the entries of scan batches that pass the leading line filters. */
  private abstract static class Entries implements BatchConsumer {
    private final LogRows rows;
    private final Pipeline lineFilter;

    Entries(LogRows rows, Pipeline lineFilter) {
      this.rows = rows;
      this.lineFilter = lineFilter;
    }

    /** Takes one entry; returns {@code false} to skip the rest of the scan. */
    abstract boolean add(long timestamp, String line, Labels stream, Labels structuredMetadata);

    @Override
    public void accept(ColumnBatch batch) {
      StringColumn streamLabels = batch.strings(Columns.STREAM_LABELS);
      LongColumn time = batch.longs(Columns.TIMESTAMP);
      StringColumn body = batch.strings(Columns.BODY);
      for (int row = 0; row < batch.size(); row++) {
        long timestamp = time.get(row);
        String line = body.isNull(row) ? "" : body.get(row);
        if (lineFilter != null && lineFilter.process(timestamp, line, Labels.EMPTY, Labels.EMPTY) == null) {
          continue;
        }
        int id = streamLabels.dictionaryId(row);
        Labels stream = rows.stream(id >= 0 ? streamLabels.dictionaryValue(id) : streamLabels.get(row));
        if (!add(timestamp, line, stream, rows.structuredMetadata(batch, row, stream, line))) {
          return;
        }
      }
    }
  }

  /** Hands each entry to the sink as the scan reads it, in file order. */
  private static final class Streamed extends Entries {
    private final EntrySink sink;
    private boolean stopped;

    Streamed(LogRows rows, Pipeline lineFilter, EntrySink sink) {
      super(rows, lineFilter);
      this.sink = sink;
    }

    @Override
    public void accept(ColumnBatch batch) {
      if (!stopped) {
        super.accept(batch);
      }
    }

    @Override
    boolean add(long timestamp, String line, Labels stream, Labels structuredMetadata) {
      stopped = !sink.accept(stream, structuredMetadata, timestamp, line);
      return !stopped;
    }

    @Override
    public void reset() {
      stopped = false;
      sink.restart();
    }
  }

  /** The entries of one scan, kept column by column until they are sorted and delivered. */
  private static final class Gathered extends Entries {
    private final int maxEntries;
    private long[] timestamps = new long[1024];
    private String[] lines = new String[1024];
    private Labels[] streams = new Labels[1024];
    private Labels[] metadata = new Labels[1024];
    private int size;

    Gathered(LogRows rows, Pipeline lineFilter, int maxEntries) {
      super(rows, lineFilter);
      this.maxEntries = maxEntries;
    }

    @Override
    boolean add(long timestamp, String line, Labels stream, Labels structuredMetadata) {
      if (size == timestamps.length) {
        if (size >= maxEntries) {
          throw new TooManyEntriesException(maxEntries);
        }
        int capacity = (int) Math.min((long) size * 2, maxEntries);
        timestamps = Arrays.copyOf(timestamps, capacity);
        lines = Arrays.copyOf(lines, capacity);
        streams = Arrays.copyOf(streams, capacity);
        metadata = Arrays.copyOf(metadata, capacity);
      }
      timestamps[size] = timestamp;
      lines[size] = line;
      streams[size] = stream;
      metadata[size] = structuredMetadata;
      size++;
      return true;
    }

    @Override
    public void reset() {
      size = 0;
    }

    void deliver(Direction direction, EntrySink sink) {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      boolean forward = direction == Direction.FORWARD;
      Arrays.sort(order, (a, b) -> forward
          ? Long.compare(timestamps[a], timestamps[b])
          : Long.compare(timestamps[b], timestamps[a]));
      for (int i : order) {
        if (!sink.accept(streams[i], metadata[i], timestamps[i], lines[i])) {
          return;
        }
      }
    }
  }
}
