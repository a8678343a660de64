package dev.floe.query.scan;

import dev.floe.schema.Columns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.DictionaryPageReadStore;
import org.apache.parquet.column.statistics.Statistics;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;

/**
 * Decides from a row group's footer statistics and dictionaries whether it can hold a wanted row:
 * its tenant (Floe writes one tenant per row group and per data file), its time range, the {@code
 * service_name} and {@code metric_name} sets, and the label filter.
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
    DictionaryPageReadStore dictionaries = null;
    for (Wanted wanted :
        new Wanted[] {new Wanted(Columns.SERVICE_NAME, request.serviceNames()), new Wanted(Columns.METRIC_NAME, request.metricNames())}) {
      if (wanted.values().isEmpty()) {
        continue;
      }
      ColumnChunkMetaData chunk = chunk(block, wanted.column());
      if (chunk == null) {
        continue;
      }
      if (!statisticsAllow(chunk, wanted.values())) {
        return null;
      }
      if (fullyDictionaryEncoded(chunk)) {
        dictionaries = dictionaries == null ? file.getDictionaryReader(block) : dictionaries;
        Dictionary dictionary = dictionary(dictionaries, columns, wanted.column());
        if (dictionary != null && !dictionaryHolds(dictionary, wanted.values())) {
          return null;
        }
      }
    }
    if (verdicts != null) {
      ColumnChunkMetaData chunk = chunk(block, labelColumn);
      if (chunk != null && fullyDictionaryEncoded(chunk)) {
        dictionaries = dictionaries == null ? file.getDictionaryReader(block) : dictionaries;
        Dictionary dictionary = dictionary(dictionaries, columns, labelColumn);
        if (dictionary != null && !verdicts.anyKept(dictionary)) {
          return null;
        }
      }
    }
    return tenant;
  }

  private record Wanted(String column, Set<String> values) {}

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

  /** The dictionary of a column chunk, or null when it has none. */
  private static Dictionary dictionary(DictionaryPageReadStore dictionaries, FileColumns columns, String column) {
    ColumnDescriptor descriptor = columns.schema().getColumnDescription(new String[] {column});
    try {
      DictionaryPage page = dictionaries.readDictionaryPage(descriptor);
      return page == null ? null : page.getEncoding().initDictionary(descriptor, page);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dictionary of " + column, e);
    }
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
