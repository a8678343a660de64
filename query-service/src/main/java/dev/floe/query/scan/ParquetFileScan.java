package dev.floe.query.scan;

import dev.floe.schema.Columns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.VersionParser;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Reads the wanted rows of Parquet files (data files and WAL segments alike) into batches: prunes
 * row groups ({@link RowGroupFilter}), decodes only the requested columns ({@link RowGroupColumns}),
 * and drops rows outside the time range or rejected by the label filter before the remaining
 * columns are decoded, each when the consumer first reads it. Files are pushed to a consumer
 * ({@link #scan}) or pulled a batch at a time ({@link #open}). One instance per batch; not
 * thread-safe.
 */
final class ParquetFileScan {
  private final ScanRequest request;
  private final ScanColumns columns;
  private final RowGroupFilter filter;
  private final LabelVerdicts verdicts;
  private final ColumnBatch batch;
  private final ScanCounters counters;
  private final int batchRows;
  // One per scan: its codec factory is not thread-safe, and a closed file only releases it. A plain
  // configuration, because the default one loads Hadoop's XML resources anew each time.
  private final ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
  private boolean[] keep = new boolean[0];
  private boolean[] labelKeep = new boolean[0];
  private boolean[] timeKeep = new boolean[0];

  private final FooterCache footers;

  ParquetFileScan(
      ScanRequest request, ScanColumns columns, ColumnBatch batch, ScanCounters counters, int batchRows, FooterCache footers) {
    this.request = request;
    this.footers = footers;
    this.columns = columns;
    this.filter = new RowGroupFilter(request, columns.labelColumn());
    this.verdicts = request.labelFilter() == null ? null : new LabelVerdicts(request.labelFilter());
    this.batch = batch;
    this.counters = counters;
    this.batchRows = batchRows;
  }

  void scan(InputFile input, BatchConsumer consumer) {
    try (Cursor cursor = open(input)) {
      while (cursor.next()) {
        consumer.accept(batch);
      }
    }
  }

  /** Opens {@code input} for reading its batches one {@link Cursor#next()} at a time. */
  Cursor open(InputFile input) {
    SeekableInputStream stream = null;
    try {
      String key = input + "#" + input.getLength();
      stream = input.newStream();
      ParquetMetadata footer = footers.get(key);
      if (footer == null) {
        footer = ParquetFileReader.readFooter(input, options, stream);
        footers.put(key, footer);
      }
      return new Cursor(input, ParquetFileReader.open(input, footer, options, stream));
    } catch (IOException | RuntimeException e) {
      closeQuietly(stream, e);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException("cannot read " + input, (IOException) e);
    }
  }

  private static void closeQuietly(SeekableInputStream stream, Exception failure) {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** Reads one file a batch at a time into the scan's batch; not thread-safe. */
  final class Cursor implements AutoCloseable {
    private final InputFile input;
    private final ParquetFileReader file;
    private final FileColumns fileColumns;
    private final ParsedVersion writer;
    private final List<BlockMetaData> blocks;
    private final Set<ColumnPath> requested = new HashSet<>();
    private int nextBlock;
    private RowGroupColumns decoders;
    private long remaining;
    private boolean delivered;

    private Cursor(InputFile input, ParquetFileReader file) {
      this.input = input;
      this.file = file;
      this.fileColumns = new FileColumns(file.getFileMetaData().getSchema(), columns);
      List<ColumnDescriptor> leaves = fileColumns.all();
      file.setRequestedSchema(leaves);
      for (ColumnDescriptor leaf : leaves) {
        requested.add(ColumnPath.get(leaf.getPath()));
      }
      this.writer = writer(file.getFileMetaData().getCreatedBy());
      this.blocks = file.getRowGroups();
    }

    /**
     * Moves to the next batch with wanted rows and fills the scan's batch with it; false at the end of
     * the file. The previous batch is invalid afterwards.
     */
    boolean next() {
      try {
        if (delivered) {
          decoders.finishBatch();
          delivered = false;
        }
        while (true) {
          while (remaining == 0) {
            if (!nextRowGroup()) {
              return false;
            }
          }
          request.context().check();
          int rows = (int) Math.min(batchRows, remaining);
          remaining -= rows;
          if (readBatch(decoders, rows)) {
            delivered = true;
            return true;
          }
          decoders.finishBatch();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + input, e);
      }
    }

    private boolean nextRowGroup() throws IOException {
      while (nextBlock < blocks.size()) {
        int index = nextBlock++;
        request.context().check();
        if (verdicts != null) {
          verdicts.reset();
        }
        String tenant = filter.tenantIfWanted(file, blocks.get(index), fileColumns, verdicts);
        if (tenant == null) {
          counters.rowGroupsSkipped++;
          continue;
        }
        counters.rowGroupsRead++;
        counters.bytes += requestedBytes(blocks.get(index), requested);
        PageReadStore pages = file.readRowGroup(index);
        decoders = new RowGroupColumns(file, fileColumns, blocks.get(index), pages, writer, columns, batch);
        batch.reset(tenant, input.toString(), decoders);
        remaining = pages.getRowCount();
        return true;
      }
      return false;
    }

    @Override
    public void close() {
      try {
        file.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + input, e);
      }
    }
  }

  /** Reads the next {@code rows} rows into the batch; true when some of them are wanted. */
  private boolean readBatch(RowGroupColumns decoders, int rows) {
    ensureMasks(rows);
    // Labels first: the timestamps of rows the label filter drops are passed over undecoded.
    boolean[] byLabel = null;
    int candidates = rows;
    if (decoders.label() != null) {
      decoders.label().read(rows, null);
      candidates = selectByLabel(rows);
      byLabel = candidates < rows ? labelKeep : null;
    }
    decoders.timestamp().read(rows, byLabel);
    int kept = selectByTime(rows, byLabel, candidates);
    boolean[] mask = null;
    if (kept < rows) {
      mask = keep;
      if (kept < candidates) {
        batch.longs(Columns.TIMESTAMP).retain(timeKeep, candidates);
      }
      if (decoders.label() != null) {
        batch.strings(columns.labelColumn()).retain(mask, rows);
      }
    }
    decoders.startBatch(rows, mask);
    if (kept > 0) {
      batch.startBatch(kept);
      counters.rows += kept;
    }
    return kept > 0;
  }

  private void ensureMasks(int rows) {
    if (keep.length < rows) {
      keep = new boolean[rows];
      labelKeep = new boolean[rows];
      timeKeep = new boolean[rows];
    }
  }

  /** Marks the rows whose label set the label filter keeps; returns how many. */
  private int selectByLabel(int rows) {
    StringColumn labels = batch.strings(columns.labelColumn());
    int kept = 0;
    for (int row = 0; row < rows; row++) {
      boolean wanted = verdicts == null || verdicts.keep(labels, row);
      labelKeep[row] = wanted;
      if (wanted) {
        kept++;
      }
    }
    return kept;
  }

  /**
   * Marks, among the {@code candidates} rows the label filter kept (all rows when {@code byLabel} is
   * null), those in the time range ({@code timeKeep}, indexed like the decoded timestamps), and the
   * rows of the batch both keep ({@code keep}); returns how many.
   */
  private int selectByTime(int rows, boolean[] byLabel, int candidates) {
    LongColumn times = batch.longs(Columns.TIMESTAMP);
    long start = request.startNanos();
    long end = request.endNanos();
    int kept = 0;
    for (int candidate = 0; candidate < candidates; candidate++) {
      long time = times.values[candidate];
      boolean wanted = !times.nulls[candidate] && time >= start && time < end;
      timeKeep[candidate] = wanted;
      if (wanted) {
        kept++;
      }
    }
    int candidate = 0;
    for (int row = 0; row < rows; row++) {
      boolean labelled = byLabel == null || byLabel[row];
      keep[row] = labelled && timeKeep[candidate];
      if (labelled) {
        candidate++;
      }
    }
    return kept;
  }

  private static long requestedBytes(BlockMetaData block, Set<ColumnPath> requested) {
    long bytes = 0;
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (requested.contains(chunk.getPath())) {
        bytes += chunk.getTotalSize();
      }
    }
    return bytes;
  }

  private static ParsedVersion writer(String createdBy) {
    try {
      return VersionParser.parse(createdBy);
    } catch (VersionParser.VersionParseException | RuntimeException e) {
      // Only used to work around bugs of old writers; an unknown writer has none of them.
      return null;
    }
  }
}
