package dev.floe.wal;

import dev.floe.schema.Columns;
import dev.floe.schema.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Encodes rows into one WAL segment: a Parquet file with exactly the table's schema (Iceberg field
 * ids included), rows sorted in the table's sort order, one row group per tenant, ZSTD pages.
 *
 * <p>Parquet's own writers cut row groups by size only, so this class drives Parquet's column and
 * page stores directly and closes a row group at every tenant boundary; readers can then skip every
 * other tenant with row-group statistics alone. A table that asks for bloom filters on {@code
 * trace_id} (spans) gets one per row group, sized for its rows, so that a trace by id skips the
 * segments without it. Not thread-safe: use one encoder per thread.
 */
public final class SegmentEncoder {
  /** Footer key under which the writer stamps its identity, so no two segments are byte-equal. */
  public static final String WRITER_KEY = "floe.writer";
  /** Footer key holding the signal id, for humans inspecting a segment. */
  public static final String SIGNAL_KEY = "floe.signal";

  private static final String BLOOM_FILTER_PREFIX = "write.parquet.bloom-filter-enabled.column.";
  private static final double HEADROOM = 1.1;
  private static final double MAX_INITIAL_CAPACITY = 256 << 20;

  private final TableDefinition table;
  private final MessageType parquetType;
  private final RowOrder order;
  private final int tenantPosition;
  private final ParquetProperties properties;
  private final boolean traceIdBloomFilter;
  private final CodecFactory codecs;
  private final BytesInputCompressor compressor;
  private final BiFunction<Schema, MessageType, ParquetValueWriter<Record>> writers;
  /**
   * The buffer to allocate per row, from the last segment: segments of one table and workload are
   * alike, and a buffer that has to grow copies the whole segment into a new one each time.
   */
  private double bytesPerRow = 64;

  public SegmentEncoder(TableDefinition table, int zstdLevel) {
    this(table, zstdLevel, SegmentValueWriters::create, new SegmentValuesWriters());
  }

  /**
   * With other writers than {@link SegmentValueWriters} and {@link SegmentValuesWriters}, for
   * comparing them in tests.
   */
  SegmentEncoder(
      TableDefinition table,
      int zstdLevel,
      BiFunction<Schema, MessageType, ParquetValueWriter<Record>> writers,
      ValuesWriterFactory valuesWriters) {
    this.table = table;
    this.writers = writers;
    this.parquetType = ParquetSchemaUtil.convert(table.schema(), "table");
    this.order = RowOrder.of(table);
    this.tenantPosition = positionOf(table, Columns.TENANT_ID);
    this.properties =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withValuesWriterFactory(valuesWriters)
            // Log bodies rarely repeat: a dictionary only costs hashing, then overflows and is
            // re-encoded as plain values. Readers handle either encoding.
            .withDictionaryEncoding(Columns.BODY, false)
            .build();
    this.traceIdBloomFilter =
        Boolean.parseBoolean(table.properties().get(BLOOM_FILTER_PREFIX + Columns.TRACE_ID));
    Configuration conf = new Configuration(false);
    conf.setInt("parquet.compression.codec.zstd.level", zstdLevel);
    this.codecs = new CodecFactory(conf, properties.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
  }

  /** The table whose rows this encoder writes. */
  public TableDefinition table() {
    return table;
  }

  /**
   * Sorts {@code rows} in place in table order and returns the Parquet bytes of the segment.
   *
   * @param footer key-value metadata for the file footer (writer identity, signal)
   */
  public byte[] encode(List<Record> rows, Map<String, String> footer) {
    order.sort(rows);
    int capacity = (int) Math.min(MAX_INITIAL_CAPACITY, rows.size() * bytesPerRow);
    InMemoryOutputFile out = new InMemoryOutputFile(Math.max(4096, capacity));
    try {
      ParquetFileWriter file =
          new ParquetFileWriter(out, parquetType, ParquetFileWriter.Mode.CREATE, Long.MAX_VALUE, 0, null, properties);
      file.start();
      ParquetValueWriter<Record> writer = writers.apply(table.schema(), parquetType);
      int start = 0;
      int rowGroup = 0;
      while (start < rows.size()) {
        int end = tenantEnd(rows, start);
        writeRowGroup(file, writer, rows.subList(start, end), rowGroup++);
        start = end;
      }
      file.end(footer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a " + table.name() + " WAL segment", e);
    }
    byte[] segment = out.toByteArray();
    if (!rows.isEmpty()) {
      bytesPerRow = HEADROOM * segment.length / rows.size();
    }
    return segment;
  }

  private int tenantEnd(List<Record> rows, int start) {
    Object tenant = rows.get(start).get(tenantPosition);
    int end = start + 1;
    while (end < rows.size() && tenant.equals(rows.get(end).get(tenantPosition))) {
      end++;
    }
    return end;
  }

  private void writeRowGroup(ParquetFileWriter file, ParquetValueWriter<Record> writer, List<Record> rows, int ordinal)
      throws IOException {
    ColumnChunkPageWriteStore pages =
        new ColumnChunkPageWriteStore(
            compressor,
            parquetType,
            properties.getAllocator(),
            properties.getColumnIndexTruncateLength(),
            properties.getPageWriteChecksumEnabled(),
            null,
            ordinal);
    ColumnWriteStore columns = rowGroupProperties(rows.size()).newColumnWriteStore(parquetType, pages, pages);
    writer.setColumnStore(columns);
    for (Record row : rows) {
      writer.write(0, row);
      columns.endRecord();
    }
    file.startBlock(rows.size());
    columns.flush();
    pages.flushToFileWriter(file);
    file.endBlock();
    columns.close();
    pages.close();
  }

  /** The properties of a row group of {@code rows} rows: its bloom filter sized for as many ids. */
  private ParquetProperties rowGroupProperties(int rows) {
    if (!traceIdBloomFilter) {
      return properties;
    }
    return ParquetProperties.copy(properties)
        .withBloomFilterEnabled(Columns.TRACE_ID, true)
        .withBloomFilterNDV(Columns.TRACE_ID, Math.max(rows, 1))
        .build();
  }

  static int positionOf(TableDefinition table, String column) {
    List<String> names = new ArrayList<>();
    table.schema().columns().forEach(field -> names.add(field.name()));
    int position = names.indexOf(column);
    if (position < 0) {
      throw new IllegalArgumentException(table.name() + " has no column " + column);
    }
    return position;
  }
}
