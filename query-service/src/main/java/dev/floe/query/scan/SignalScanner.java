package dev.floe.query.scan;

import dev.floe.catalog.FloeCatalog;
import dev.floe.schema.Signal;
import dev.floe.store.ObjectNotFoundException;
import dev.floe.store.ObjectStore;
import dev.floe.wal.WalReader;
import dev.floe.wal.WalSegment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.inmemory.InMemoryInputFile;
import org.apache.parquet.io.InputFile;

/**
 * Scans one signal's rows: its Iceberg table's snapshot and the WAL above that snapshot's
 * watermarks, from one table metadata version, as one stream of {@link ColumnBatch}es ({@link #scan}) or
 * as one {@link FileCursor} per file ({@link #scanFiles}). WAL data is
 * visible as soon as its ingest request was acknowledged, because the WAL is listed at query time.
 *
 * <p>When a file the plan named disappears under the scan (compaction committed newer data and
 * cleanup deleted the WAL segment), the scan calls {@link BatchConsumer#reset()} and starts over from
 * the newest metadata version, at most {@value #MAX_ATTEMPTS} times; so a consumer sees every row
 * exactly once. Thread-safe; each scan runs on the calling thread.
 */
public final class SignalScanner {
  static final int MAX_ATTEMPTS = 3;
  private static final int BATCH_ROWS = 4096;
  /** Column chunks of cached footers: some 100 MB at most, thousands of files. */
  private static final long FOOTER_CACHE_CHUNKS = 200_000;

  private final FloeCatalog catalog;
  private final SegmentCache segments;
  private final ScanPlanner planner;
  private final FooterCache footers = new FooterCache(FOOTER_CACHE_CHUNKS);
  private final Map<Signal, Table> tables = new ConcurrentHashMap<>();
  private final ScanMeters meters;

  /**
   * @param catalog the catalog holding the signal tables
   * @param store the object store holding the WAL
   * @param segmentCacheBytes how many bytes of WAL segments to keep in memory across scans
   */
  public SignalScanner(FloeCatalog catalog, ObjectStore store, long segmentCacheBytes) {
    this(catalog, store, segmentCacheBytes, new CompositeMeterRegistry());
  }

  /**
   * @param catalog the catalog holding the signal tables
   * @param store the object store holding the WAL
   * @param segmentCacheBytes how many bytes of WAL segments to keep in memory across scans
   * @param registry where the rows and bytes scanned and the segment cache's hits are counted
   */
  public SignalScanner(FloeCatalog catalog, ObjectStore store, long segmentCacheBytes, MeterRegistry registry) {
    this.catalog = catalog;
    this.meters = new ScanMeters(registry);
    this.segments = new SegmentCache(store, segmentCacheBytes, meters);
    this.planner = new ScanPlanner(new WalReader(store));
  }

  /**
   * Delivers every wanted row exactly once to {@code consumer} and returns what was read.
   *
   * @throws IllegalArgumentException if a requested column does not exist
   * @throws UnsupportedOperationException if a requested column is of a type the scan cannot read
   */
  public ScanStats scan(ScanRequest request, BatchConsumer consumer) {
    return run(request, consumer::reset, (plan, table, counters) -> read(plan, table, request, consumer, counters));
  }

  /**
   * Hands {@code consumer} one cursor per file of the scan, to read side by side, and returns what was
   * read. Each cursor has its own batch and holds one row group of its file at a time while open.
   *
   * @throws IllegalArgumentException if a requested column does not exist
   * @throws UnsupportedOperationException if a requested column is of a type the scan cannot read
   */
  public ScanStats scanFiles(ScanRequest request, FilesConsumer consumer) {
    return run(request, consumer::reset, (plan, table, counters) -> readFiles(plan, table, request, consumer, counters));
  }

  /** Reads one plan. */
  private interface PlanReader {
    void read(ScanPlan plan, Table table, ScanCounters counters);
  }

  private ScanStats run(ScanRequest request, Runnable reset, PlanReader reader) {
    Table table = tables.computeIfAbsent(request.signal(), signal -> catalog.catalog().loadTable(catalog.identifier(signal)));
    ScanCounters counters = new ScanCounters();
    TableMetadata metadata = refresh(table);
    for (int attempt = 1; ; attempt++) {
      request.context().check();
      try {
        ScanPlan plan = planner.plan(table.name(), metadata, table.io(), request);
        if (plan.walGap() && attempt < MAX_ATTEMPTS) {
          TableMetadata fresh = refresh(table);
          if (!Objects.equals(fresh.metadataFileLocation(), metadata.metadataFileLocation())) {
            // Segments right above the watermark are gone: planned from an old version. Nothing was
            // delivered yet, so no reset.
            counters.replanned();
            metadata = fresh;
            continue;
          }
        }
        try {
          reader.read(plan, table, counters);
        } finally {
          meters.scanned(request.signal(), counters.rows, counters.bytes);
        }
        return counters.stats();
      } catch (ObjectNotFoundException | NotFoundException e) {
        // A segment or (after snapshot expiry) a data or manifest file is gone: start over.
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        reset.run();
        counters.replanned();
        metadata = refresh(table);
      }
    }
  }

  /**
   * Reads the WAL side first: its segments are the ones that can disappear soonest, so all of them
   * are fetched before any row is delivered, and a segment deleted under the query costs a re-plan
   * the consumer never sees.
   */
  private void read(ScanPlan plan, Table table, ScanRequest request, BatchConsumer consumer, ScanCounters counters) {
    ScanColumns columns = ScanColumns.resolve(request, plan.metadata().schema());
    ColumnBatch batch = ColumnBatch.create(columns, plan.metadata().schema());
    ParquetFileScan files = new ParquetFileScan(request, columns, batch, counters, BATCH_ROWS, footers);
    List<byte[]> walData = new ArrayList<>(plan.segments().size());
    for (WalSegment segment : plan.segments()) {
      request.context().check();
      walData.add(segments.get(segment));
    }
    for (int i = 0; i < walData.size(); i++) {
      counters.segments++;
      files.scan(new ParquetInputFile(new InMemoryInputFile(plan.segments().get(i).key().path(), walData.get(i))), consumer);
    }
    for (DataFile file : plan.dataFiles()) {
      counters.dataFiles++;
      files.scan(new ParquetInputFile(table.io().newInputFile(file.location(), file.fileSizeInBytes())), consumer);
    }
  }

  private void readFiles(ScanPlan plan, Table table, ScanRequest request, FilesConsumer consumer, ScanCounters counters) {
    ScanColumns columns = ScanColumns.resolve(request, plan.metadata().schema());
    List<FileCursor> cursors = new ArrayList<>();
    try {
      for (WalSegment segment : plan.segments()) {
        request.context().check();
        byte[] data = segments.get(segment);
        cursors.add(cursor(request, columns, plan, counters, () -> counters.segments++,
            () -> new ParquetInputFile(new InMemoryInputFile(segment.key().path(), data))));
      }
      for (DataFile file : plan.dataFiles()) {
        cursors.add(cursor(request, columns, plan, counters, () -> counters.dataFiles++,
            () -> new ParquetInputFile(table.io().newInputFile(file.location(), file.fileSizeInBytes()))));
      }
      consumer.accept(List.copyOf(cursors));
    } finally {
      cursors.forEach(FileCursor::close);
    }
  }

  private FileCursor cursor(
      ScanRequest request,
      ScanColumns columns,
      ScanPlan plan,
      ScanCounters counters,
      Runnable onOpen,
      Supplier<InputFile> input) {
    ColumnBatch batch = ColumnBatch.create(columns, plan.metadata().schema());
    return new FileCursor(new ParquetFileScan(request, columns, batch, counters, BATCH_ROWS, footers), batch, input, onOpen);
  }

  /** The newest metadata version; one refresh at a time per table, as Iceberg's operations expect. */
  private static TableMetadata refresh(Table table) {
    TableOperations operations = ((HasTableOperations) table).operations();
    synchronized (operations) {
      return operations.refresh();
    }
  }
}
