package dev.floe.maintain.compaction;

import dev.floe.schema.Signal;
import dev.floe.store.ObjectInfo;
import dev.floe.store.ObjectNotFoundException;
import dev.floe.store.ObjectStore;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.WalReader;
import dev.floe.wal.WalSegment;
import dev.floe.wal.Watermarks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.OutputFileFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one signal's WAL into its Iceberg table, exactly once.
 *
 * <p>Each batch starts from the table's current metadata: its watermarks say, per shard, which
 * offsets are committed. Above them only a contiguous run of offsets is taken (watermark+1, +2, ...):
 * offsets are written in order, so a missing one is a segment still being written, and skipping it
 * would lose it. Segments are taken round-robin over the shards until the batch reaches {@code
 * maxSegmentBytesPerCommit} of segments or {@code maxRowsPerCommit} rows, which bounds the heap a
 * batch needs; a larger backlog takes several batches. The rows are read straight into the table's
 * column layout ({@link TableProjection}), grouped by partition and sorted in table order ({@link
 * PartitionedRows}), written as data files ({@link DataFileWriter}) and committed with the new
 * watermarks in one transaction ({@link WatermarkCommit}), which fails if the watermarks moved in
 * the meantime. A rejected commit deletes its files and the next batch plans again from the new
 * watermarks. Not thread-safe: one compactor per signal and process.
 */
public final class Compactor {
  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
  /** Rejections in a row after which a run gives up until the next cycle. */
  private static final int MAX_REJECTIONS_PER_RUN = 3;

  private final Signal signal;
  private final Table table;
  private final ObjectStore store;
  private final WalReader wal;
  private final int configuredShards;
  private final CompactionConfig config;
  private final CompactionMetrics metrics;
  private final Clock clock;
  private Schema readSchema;
  private int readSchemaId = -1;

  /**
   * @param table the signal's table, as the catalog loaded it
   * @param configuredShards the deployment's shard count; shards found in the WAL beyond it are
   *     compacted too, this only makes their backlog gauges exist from the start
   */
  public Compactor(
      Signal signal,
      Table table,
      ObjectStore store,
      int configuredShards,
      CompactionConfig config,
      CompactionMetrics metrics,
      Clock clock) {
    this.signal = signal;
    this.table = table;
    this.store = store;
    this.wal = new WalReader(store);
    this.configuredShards = configuredShards;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Signal signal() {
    return signal;
  }

  /**
   * Commits batches until nothing contiguous is left above the watermark, {@code keepGoing} turns
   * false (checked before each batch), or a commit's outcome is unknown.
   */
  public CompactionResult compact(BooleanSupplier keepGoing) {
    CompactionResult result = CompactionResult.NONE;
    int rejections = 0;
    while (keepGoing.getAsBoolean()) {
      Batch batch = nextBatch();
      if (batch == null) {
        return result.finished(true);
      }
      BatchOutcome outcome = write(batch);
      switch (outcome.result().outcome()) {
        case COMMITTED -> {
          rejections = 0;
          result = result.plus(outcome.segments(), outcome.rows(), outcome.files());
        }
        case REJECTED -> {
          LOG.info("{} commit rejected, planning again: {}", signal.id(), outcome.result().failure().getMessage());
          if (++rejections >= MAX_REJECTIONS_PER_RUN) {
            return result;
          }
        }
        case UNKNOWN -> {
          LOG.warn("{} commit outcome unknown; the next cycle reads the watermark", signal.id(), outcome.result().failure());
          return result;
        }
      }
    }
    return result;
  }

  /** The next batch to commit, or null when nothing contiguous lies above the watermark. */
  private Batch nextBatch() {
    table.refresh();
    Watermarks watermarks = Watermarks.of(table.properties());
    Snapshot start = table.currentSnapshot();
    List<List<WalSegment>> runs = new ArrayList<>();
    Instant oldest = null;
    for (int shard : shards()) {
      long watermark = watermarks.get(shard);
      List<WalSegment> above = wal.segmentsAbove(signal, shard, watermark);
      metrics.backlog(shard, above.size(), above.stream().mapToLong(WalSegment::size).sum());
      if (above.isEmpty()) {
        continue;
      }
      Instant modified = store.head(above.get(0).key().path()).map(ObjectInfo::lastModified).orElse(null);
      if (modified != null && (oldest == null || modified.isBefore(oldest))) {
        oldest = modified;
      }
      List<WalSegment> run = contiguous(watermark, above);
      if (run.isEmpty()) {
        LOG.warn("{} shard {}: offset {} is missing above the watermark; waiting for it", signal.id(), shard, watermark + 1);
      } else {
        runs.add(run);
      }
    }
    metrics.lag(oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant()));
    List<WalSegment> segments = roundRobin(runs, config.maxSegmentBytesPerCommit());
    return segments.isEmpty() ? null : new Batch(watermarks, start == null ? null : start.snapshotId(), segments);
  }

  private List<Integer> shards() {
    TreeSet<Integer> shards = new TreeSet<>(wal.shards(signal));
    for (int shard = 0; shard < configuredShards; shard++) {
      shards.add(shard);
    }
    return List.copyOf(shards);
  }

  /** The segments at watermark+1, +2, ... up to the first missing offset. */
  static List<WalSegment> contiguous(long watermark, List<WalSegment> above) {
    List<WalSegment> run = new ArrayList<>();
    long next = watermark + 1;
    for (WalSegment segment : above) {
      if (segment.key().offset() != next) {
        break;
      }
      run.add(segment);
      next++;
    }
    return run;
  }

  /**
   * Takes segments from each run in turn, in offset order within a run, until {@code maxBytes}; the
   * first segment is always taken. Any prefix of the result holds a prefix of every run.
   */
  static List<WalSegment> roundRobin(List<List<WalSegment>> runs, long maxBytes) {
    List<WalSegment> taken = new ArrayList<>();
    long bytes = 0;
    for (int round = 0; ; round++) {
      boolean any = false;
      for (List<WalSegment> run : runs) {
        if (round >= run.size()) {
          continue;
        }
        WalSegment segment = run.get(round);
        if (!taken.isEmpty() && bytes + segment.size() > maxBytes) {
          return taken;
        }
        taken.add(segment);
        bytes += segment.size();
        any = true;
      }
      if (!any) {
        return taken;
      }
    }
  }

  private BatchOutcome write(Batch batch) {
    Written written = readAndWrite(batch);
    if (written.segments() == 0) {
      deleteQuietly(written.locations());
      return new BatchOutcome(
          new WatermarkCommit.Result(
              WatermarkCommit.Outcome.REJECTED, new IllegalStateException("the batch's first segment is gone")),
          0,
          0,
          0);
    }
    Map<Integer, Long> from = new TreeMap<>();
    written.to().keySet().forEach(shard -> from.put(shard, batch.watermarks().get(shard)));
    long started = System.nanoTime();
    WatermarkCommit.Result result =
        WatermarkCommit.commit(table, batch.startSnapshotId(), from, written.to(), written.files());
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    metrics.commit(result.outcome(), took, written.files().size(), written.rows(), written.segments());
    switch (result.outcome()) {
      case COMMITTED ->
          LOG.info(
              "{}: committed {} rows of {} WAL segments ({}) as {} data files in {} ms",
              signal.id(),
              written.rows(),
              written.segments(),
              WatermarkCommit.describe(from, written.to()),
              written.files().size(),
              took.toMillis());
      case REJECTED -> deleteQuietly(written.locations());
      case UNKNOWN -> {}
    }
    return new BatchOutcome(result, written.segments(), written.rows(), written.files().size());
  }

  /**
   * Reads segments of the batch until the row limit and writes their rows as data files. The rows
   * live only inside this method, so they can be collected before the commit.
   */
  private Written readAndWrite(Batch batch) {
    Schema schema = readSchema();
    PartitionedRows rows = new PartitionedRows(table, signal.table().schema(), signal.table().sortOrder());
    Map<Integer, Long> to = new TreeMap<>();
    int segments = 0;
    for (WalSegment segment : batch.segments()) {
      if (rows.size() >= config.maxRowsPerCommit()) {
        break;
      }
      SegmentKey key = segment.key();
      try (CloseableIterable<Record> records = wal.read(key, schema, Expressions.alwaysTrue())) {
        records.forEach(rows::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read WAL segment " + key.path(), e);
      } catch (ObjectNotFoundException e) {
        // Only cleanup deletes segments, and only at or below the watermark: another leader got here first.
        LOG.info("{}: segment {} is gone, it was compacted meanwhile", signal.id(), key.path());
        break;
      }
      to.put(key.shard(), key.offset());
      segments++;
    }
    OutputFileFactory outputs =
        OutputFileFactory.builderFor(table, 0, 0)
            .operationId(UUID.randomUUID().toString())
            .format(FileFormat.PARQUET)
            .build();
    DataFileWriter writer = new DataFileWriter(table, outputs, config.targetFileBytes());
    List<DataFile> files = new ArrayList<>();
    try {
      for (Map.Entry<PartitionKey, List<Record>> group : rows.sortedGroups().entrySet()) {
        files.addAll(writer.write(group.getKey(), group.getValue()));
      }
    } catch (RuntimeException e) {
      deleteQuietly(writer.written());
      throw e;
    }
    return new Written(to, files, writer.written(), rows.size(), segments);
  }

  private Schema readSchema() {
    if (readSchema == null || readSchemaId != table.schema().schemaId()) {
      readSchema = TableProjection.readSchema(table.schema(), signal.table().schema());
      readSchemaId = table.schema().schemaId();
    }
    return readSchema;
  }

  private void deleteQuietly(List<String> locations) {
    for (String location : locations) {
      try {
        table.io().deleteFile(location);
      } catch (RuntimeException e) {
        LOG.warn("cannot delete uncommitted data file {}; orphan file cleanup will: {}", location, e.toString());
      }
    }
  }

  /** Segments planned from one metadata version. */
  private record Batch(Watermarks watermarks, Long startSnapshotId, List<WalSegment> segments) {}

  /** What was read and written for a batch, before its commit. */
  private record Written(Map<Integer, Long> to, List<DataFile> files, List<String> locations, long rows, int segments) {}

  private record BatchOutcome(WatermarkCommit.Result result, int segments, long rows, int files) {}
}
