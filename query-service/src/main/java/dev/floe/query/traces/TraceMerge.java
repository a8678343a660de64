package dev.floe.query.traces;

import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.FileCursor;
import dev.floe.query.scan.FilesConsumer;
import dev.floe.query.scan.LongColumn;
import dev.floe.query.scan.StringColumn;
import dev.floe.schema.Columns;
import dev.floe.traces.Span;
import dev.floe.traces.Trace;
import dev.floe.traces.TraceRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Merges files sorted by (tenant, trace id) into whole traces, one at a time: the file whose current
 * row has the smallest key gives the next trace, and every file at that key hands over its rows of
 * it. Holds the spans of one trace, plus one batch per file.
 *
 * <p>The request's hints are checked on the service name and duration columns before a trace's spans
 * are built; a trace none of whose spans qualifies is passed over unbuilt. Rows of a trace that
 * reach the end of a file's batch are built at once (the next batch replaces them); the others only
 * once the trace is known to qualify.
 */
final class TraceMerge implements FilesConsumer {
  private final TraceRequest request;
  private final Predicate<Trace> sink;
  private final boolean hinted;
  private boolean delivered;

  TraceMerge(TraceRequest request, Predicate<Trace> sink) {
    this.request = request;
    this.sink = sink;
    this.hinted = request.serviceName() != null || request.minSpanDurationNanos() > 0;
  }

  @Override
  public void accept(List<FileCursor> files) {
    PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, files.size()), Head::compareTo);
    for (FileCursor file : files) {
      Head head = new Head(file);
      if (head.advance()) {
        heads.add(head);
      }
    }
    List<Head> atKey = new ArrayList<>();
    List<Span> built = new ArrayList<>();
    String lastTenant = null;
    ByteBuffer lastId = null;
    while (!heads.isEmpty()) {
      Head first = heads.poll();
      String tenant = first.tenant();
      ByteBuffer traceId = copy(first.traceId());
      if (lastTenant != null && compare(tenant, traceId, lastTenant, lastId) <= 0) {
        throw new IllegalStateException(
            first.source() + " is not sorted by tenant and trace id; traces cannot be read from it whole");
      }
      lastTenant = tenant;
      lastId = traceId;
      atKey.clear();
      built.clear();
      boolean qualifies = !hinted;
      Head head = first;
      while (head != null) {
        qualifies |= head.collect(tenant, traceId, built, qualifies);
        atKey.add(head);
        head = !heads.isEmpty() && heads.peek().isAt(tenant, traceId) ? heads.poll() : null;
      }
      if (qualifies) {
        for (Head at : atKey) {
          at.build(built);
        }
      }
      for (Head at : atKey) {
        if (at.skipPending()) {
          heads.add(at);
        }
      }
      if (qualifies && !built.isEmpty()) {
        delivered = true;
        if (!sink.test(new Trace(traceId.array(), List.copyOf(built)))) {
          throw new Stopped();
        }
      }
    }
  }

  @Override
  public void reset() {
    if (delivered) {
      // Traces handed on cannot be taken back: a re-plan after delivery is a failed query, not a wrong one.
      throw new IllegalStateException("a file was removed while the query read it; run the query again");
    }
  }

  private static int compare(String tenant, ByteBuffer id, String otherTenant, ByteBuffer otherId) {
    int byTenant = tenant.compareTo(otherTenant);
    return byTenant != 0 ? byTenant : compareIds(id, otherId);
  }

  /** Unsigned lexicographic order of ids, as Parquet and Iceberg order fixed values. */
  static int compareIds(ByteBuffer a, ByteBuffer b) {
    return Arrays.compareUnsigned(bytes(a), bytes(b));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static ByteBuffer copy(ByteBuffer buffer) {
    return ByteBuffer.wrap(bytes(buffer));
  }

  /** Ends a merge early once the sink declines more traces. */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /** One file's position: its current batch and row, and the rows of the current trace not built yet. */
  private final class Head implements Comparable<Head> {
    private final FileCursor file;
    private final SpanRows rows = new SpanRows();
    private ColumnBatch batch;
    private StringColumn ids;
    private StringColumn services;
    private LongColumn durations;
    private int row;
    private int pendingEnd;
    private boolean exhausted;

    Head(FileCursor file) {
      this.file = file;
    }

    /** Moves to the next batch; false at the end of the file. */
    boolean advance() {
      if (!file.next()) {
        exhausted = true;
        row = 0;
        pendingEnd = 0;
        return false;
      }
      batch = file.batch();
      rows.startBatch(batch);
      ids = batch.strings(Columns.TRACE_ID);
      services = null;
      durations = null;
      row = 0;
      pendingEnd = 0;
      return true;
    }

    String tenant() {
      return batch.tenant();
    }

    ByteBuffer traceId() {
      return ids.bytes(row);
    }

    boolean isAt(String tenant, ByteBuffer traceId) {
      return tenant.equals(batch.tenant()) && traceId.equals(ids.bytes(row));
    }

    /**
     * Takes this file's rows of the trace: those at the end of a batch are built into {@code built}
     * at once, the rest are left pending in the current batch. Returns whether one of them meets the
     * hints (not checked once {@code qualified}).
     */
    boolean collect(String tenant, ByteBuffer traceId, List<Span> built, boolean qualified) {
      boolean qualifies = qualified;
      while (true) {
        int end = row;
        while (end < batch.size() && traceId.equals(ids.bytes(end))) {
          qualifies = qualifies || meetsHints(end);
          end++;
        }
        if (end < batch.size()) {
          pendingEnd = end;
          return qualifies;
        }
        for (int at = row; at < end; at++) {
          built.add(rows.span(at));
        }
        if (!advance() || !isAt(tenant, traceId)) {
          return qualifies;
        }
      }
    }

    /** Builds the pending rows of the trace. */
    void build(List<Span> built) {
      for (int at = row; at < pendingEnd; at++) {
        built.add(rows.span(at));
      }
    }

    /** Moves past the pending rows; false when the file has no rows left. */
    boolean skipPending() {
      if (exhausted) {
        return false;
      }
      row = pendingEnd;
      return row < batch.size() || advance();
    }

    private boolean meetsHints(int at) {
      if (services == null) {
        services = batch.strings(Columns.SERVICE_NAME);
        durations = batch.longs(Columns.DURATION_NANOS);
      }
      String service = request.serviceName();
      return (service == null || service.equals(services.get(at)))
          && durations.get(at) >= request.minSpanDurationNanos();
    }

    String source() {
      return batch.source();
    }

    @Override
    public int compareTo(Head other) {
      return compare(tenant(), traceId(), other.tenant(), other.traceId());
    }
  }
}
