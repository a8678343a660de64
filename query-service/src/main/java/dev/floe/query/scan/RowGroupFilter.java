package dev.floe.query.scan;

import dev.floe.schema.Columns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;

/**
 * Decides from a row group's footer statistics and dictionaries whether it can hold a wanted row:
 * its tenant (Floe writes one tenant per row group and per data file), its time range, the {@code
 * service_name} and {@code metric_name} sets, the {@code trace_id} set (statistics, then the chunk's
 * bloom filter when it has one), and the label filter.
 */
final class RowGroupFilter {
  private final ScanRequest request;
  private final long minMicros;
  private final long maxMicros;
  private final String labelColumn;

  RowGroupFilter(ScanRequest request, String labelColumn) {
    this.request = request;
    this.minMicros = Math.floorDiv(request.startNanos(), 1000);
    this.maxMicros = Math.floorDiv(request.endNanos() - 1, 1000);
    this.labelColumn = labelColumn;
  }

  /**
   * The tenant of the row group, or null when it holds nothing the request wants. Fills {@code
   * verdicts} for the label set's dictionary when it reads it.
   */
  String tenantIfWanted(ParquetFileReader file, BlockMetaData block, FileColumns columns, LabelVerdicts verdicts) {
    String tenant = tenant(file.getFile(), block);
    if (!request.tenants().contains(tenant) || !timeOverlaps(chunk(block, Columns.TIMESTAMP))) {
      return null;
    }
    Dictionaries dictionaries = new Dictionaries(file, block, columns);
    boolean wanted =
        mayHold(block, dictionaries, Columns.SERVICE_NAME, request.serviceNames())
            && mayHold(block, dictionaries, Columns.METRIC_NAME, request.metricNames())
            && mayHoldTrace(file, block)
            && labelsMayPass(dictionaries, verdicts);
    return wanted ? tenant : null;
  }

  /** Whether the row group may hold one of {@code values} in {@code column}; true for an empty set. */
  private static boolean mayHold(BlockMetaData block, Dictionaries dictionaries, String column, Set<String> values) {
    if (values.isEmpty()) {
      return true;
    }
    ColumnChunkMetaData chunk = chunk(block, column);
    if (chunk == null) {
      return true;
    }
    if (!statisticsAllow(chunk, values)) {
      return false;
    }
    Dictionary dictionary = dictionaries.get(column);
    return dictionary == null || dictionaryHolds(dictionary, values);
  }

  /** Whether the row group may hold one of the wanted trace ids; true when none is wanted. */
  private boolean mayHoldTrace(ParquetFileReader file, BlockMetaData block) {
    Set<ByteBuffer> ids = request.traceIds();
    if (ids.isEmpty()) {
      return true;
    }
    ColumnChunkMetaData chunk = chunk(block, Columns.TRACE_ID);
    if (chunk == null) {
      return true;
    }
    @SuppressWarnings("unchecked")
    Statistics<Binary> stats = (Statistics<Binary>) chunk.getStatistics();
    BloomFilter bloom = null;
    if (chunk.getBloomFilterOffset() >= 0) {
      try {
        bloom = file.readBloomFilter(chunk);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the bloom filter of " + Columns.TRACE_ID, e);
      }
    }
    for (ByteBuffer id : ids) {
      Binary value = Binary.fromConstantByteBuffer(id.duplicate());
      boolean inRange =
          stats == null || !stats.hasNonNullValue() || (stats.compareMinToValue(value) <= 0 && stats.compareMaxToValue(value) >= 0);
      if (inRange && (bloom == null || bloom.findHash(bloom.hash(value)))) {
        return true;
      }
    }
    return false;
  }

  private boolean labelsMayPass(Dictionaries dictionaries, LabelVerdicts verdicts) {
    if (verdicts == null) {
      return true;
    }
    Dictionary dictionary = dictionaries.get(labelColumn);
    return dictionary == null || verdicts.anyKept(dictionary);
  }

  /** The dictionaries of a row group's fully dictionary-encoded columns, read when first asked for. */
  private static final class Dictionaries {
    private final ParquetFileReader file;
    private final BlockMetaData block;
    private final FileColumns columns;
    private DictionaryPageReadStore pages;

    Dictionaries(ParquetFileReader file, BlockMetaData block, FileColumns columns) {
      this.file = file;
      this.block = block;
      this.columns = columns;
    }

    /** The dictionary of {@code column}, or null unless every page of its chunk uses it. */
    Dictionary get(String column) {
      ColumnChunkMetaData chunk = chunk(block, column);
      if (chunk == null || !fullyDictionaryEncoded(chunk)) {
        return null;
      }
      if (pages == null) {
        pages = file.getDictionaryReader(block);
      }
      ColumnDescriptor descriptor = columns.schema().getColumnDescription(new String[] {column});
      DictionaryPage page = pages.readDictionaryPage(descriptor);
      try {
        return page == null ? null : page.getEncoding().initDictionary(descriptor, page);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the dictionary of " + column, e);
      }
    }
  }

  private static String tenant(String file, BlockMetaData block) {
    ColumnChunkMetaData chunk = chunk(block, Columns.TENANT_ID);
    Statistics<?> stats = chunk == null ? null : chunk.getStatistics();
    if (stats == null || !stats.hasNonNullValue() || !singleValue(stats)) {
      throw new IllegalStateException(
          file + ": a row group without a single tenant in its statistics; Floe writes one tenant per row group");
    }
    return ((Binary) stats.genericGetMin()).toStringUsingUTF8();
  }

  private static <T extends Comparable<T>> boolean singleValue(Statistics<T> stats) {
    return stats.comparator().compare(stats.genericGetMin(), stats.genericGetMax()) == 0;
  }

  private boolean timeOverlaps(ColumnChunkMetaData chunk) {
    Statistics<?> stats = chunk == null ? null : chunk.getStatistics();
    if (stats == null || !stats.hasNonNullValue()) {
      return true;
    }
    return (Long) stats.genericGetMax() >= minMicros && (Long) stats.genericGetMin() <= maxMicros;
  }

  @SuppressWarnings("unchecked")
  private static boolean statisticsAllow(ColumnChunkMetaData chunk, Set<String> values) {
    Statistics<Binary> stats = (Statistics<Binary>) chunk.getStatistics();
    if (stats == null || !stats.hasNonNullValue()) {
      return true;
    }
    for (String value : values) {
      Binary binary = Binary.fromString(value);
      if (stats.compareMinToValue(binary) <= 0 && stats.compareMaxToValue(binary) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean fullyDictionaryEncoded(ColumnChunkMetaData chunk) {
    EncodingStats stats = chunk.getEncodingStats();
    return stats != null && stats.hasDictionaryPages() && !stats.hasNonDictionaryEncodedPages();
  }

  private static boolean dictionaryHolds(Dictionary dictionary, Set<String> values) {
    for (int id = 0; id <= dictionary.getMaxId(); id++) {
      if (values.contains(dictionary.decodeToBinary(id).toStringUsingUTF8())) {
        return true;
      }
    }
    return false;
  }

  private static ColumnChunkMetaData chunk(BlockMetaData block, String column) {
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      String[] path = chunk.getPath().toArray();
      if (path.length == 1 && path[0].equals(column)) {
        return chunk;
      }
    }
    return null;
  }
}
