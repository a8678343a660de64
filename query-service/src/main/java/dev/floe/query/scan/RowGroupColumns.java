package dev.floe.query.scan;

import dev.floe.schema.Columns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * The decoders of one row group, writing into the batch's vectors: the timestamp first, then the
 * label set (both needed to select rows), then the other columns, each only when the batch's
 * consumer first reads it ({@link ColumnBatch.Loader}). A column moves past the rows left unread only
 * when it is read again, and then jumps over whole pages without decoding them where it can; a column
 * never read again in the row group costs nothing more.
 */
final class RowGroupColumns implements ColumnBatch.Loader {
  private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {};

  private final ParquetFileReader reader;
  private final FileColumns file;
  private final BlockMetaData block;
  private final PageReadStore pages;
  private final ParsedVersion writer;
  private final ColumnDecoder timestamp;
  private final ColumnDecoder label;
  private final Map<String, ColumnDecoder> others = new LinkedHashMap<>();
  private final Set<String> loaded = new HashSet<>();
  /** Rows each column has yet to move past before the current batch. */
  private final Map<String, Long> behind = new HashMap<>();
  private final Map<String, Set<String>> mapKeys = new HashMap<>();
  private int batchRows;
  private boolean[] batchKeep;

  RowGroupColumns(
      ParquetFileReader reader,
      FileColumns file,
      BlockMetaData block,
      PageReadStore pages,
      ParsedVersion writer,
      ScanColumns columns,
      ColumnBatch batch) {
    this.reader = reader;
    this.file = file;
    this.block = block;
    this.pages = pages;
    this.writer = writer;
    ColumnDecoder time = null;
    ColumnDecoder labels = null;
    for (Map.Entry<String, ColumnKind> column : columns.kinds().entrySet()) {
      String name = column.getKey();
      ColumnDecoder decoder = decoder(name, column.getValue(), batch.target(name));
      if (name.equals(Columns.TIMESTAMP)) {
        time = decoder;
      } else if (name.equals(columns.labelColumn())) {
        labels = decoder;
      } else {
        others.put(name, decoder);
        behind.put(name, 0L);
      }
    }
    this.timestamp = time;
    this.label = labels;
  }

  /** Starts a batch of the next {@code rows} rows, of which {@code keep} (or all, when null) are stored. */
  void startBatch(int rows, boolean[] keep) {
    batchRows = rows;
    batchKeep = keep;
    loaded.clear();
  }

  @Override
  public void load(String column, boolean[] only) {
    ColumnDecoder decoder = others.get(column);
    if (decoder != null && loaded.add(column)) {
      long rows = behind.put(column, 0L);
      if (rows > 0) {
        decoder.skip(rows);
      }
      decoder.read(batchRows, batchKeep, only);
    }
  }

  /** Leaves the columns the consumer did not read behind by the batch's rows. */
  void finishBatch() {
    for (String column : others.keySet()) {
      if (loaded.add(column)) {
        behind.merge(column, (long) batchRows, Long::sum);
      }
    }
  }

  @Override
  public Set<String> mapKeys(String column) {
    return mapKeys.computeIfAbsent(column, this::dictionaryKeys);
  }

  /** The keys in the dictionary of a map's key leaf, or null unless every page of the chunk uses it. */
  private Set<String> dictionaryKeys(String column) {
    List<ColumnDescriptor> leaves = file.leaves(column);
    if (leaves.isEmpty()) {
      return Set.of();
    }
    ColumnDescriptor key = leaves.stream().filter(leaf -> leaf.getPath()[leaf.getPath().length - 1].equals("key")).findFirst().orElse(null);
    ColumnChunkMetaData chunk = key == null ? null : chunk(key);
    EncodingStats stats = chunk == null ? null : chunk.getEncodingStats();
    if (stats == null || !stats.hasDictionaryPages() || stats.hasNonDictionaryEncodedPages()) {
      return null;
    }
    DictionaryPage page = pages.getPageReader(key).readDictionaryPage();
    if (page == null) {
      return null;
    }
    try {
      Dictionary dictionary = page.getEncoding().initDictionary(key, page);
      Set<String> keys = new HashSet<>();
      for (int id = 0; id <= dictionary.getMaxId(); id++) {
        keys.add(dictionary.decodeToBinary(id).toStringUsingUTF8());
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dictionary of " + String.join(".", key.getPath()), e);
    }
  }

  private ColumnChunkMetaData chunk(ColumnDescriptor leaf) {
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (Arrays.equals(chunk.getPath().toArray(), leaf.getPath())) {
        return chunk;
      }
    }
    return null;
  }

  ColumnDecoder timestamp() {
    return timestamp;
  }

  /** The label-set decoder, or null when the scan has no label filter. */
  ColumnDecoder label() {
    return label;
  }

  private ColumnDecoder decoder(String name, ColumnKind kind, Object vector) {
    return switch (kind) {
      case STRING -> strings(name, (StringColumn) vector);
      case LONG, INT -> numbers(name, vector);
      case DOUBLE, BOOLEAN -> flatOrMissing(name, ValueSink.of(vector));
      case TIMESTAMP -> timestamp(name, (LongColumn) vector);
      case MAP -> map(name, (MapColumn) vector);
      case LIST -> list(name, (ListColumn) vector);
    };
  }

  /** An integer column into its {@link LongColumn} or {@link IntColumn}. */
  private ColumnDecoder numbers(String name, Object vector) {
    ColumnDescriptor leaf = file.leaf(name);
    if (leaf == null || !NumberValues.decodes(leaf)) {
      return flatOrMissing(name, ValueSink.of(vector));
    }
    return new FlatLeaf(leaf, pages(leaf), new NumberValues(leaf, vector));
  }

  private ColumnDecoder flatOrMissing(String name, ValueSink sink) {
    ColumnDescriptor leaf = file.leaf(name);
    if (leaf == null) {
      return new ColumnDecoder.Missing(sink, null);
    }
    ChunkPages chunk = pages(leaf);
    return new ColumnDecoder.Flat(leaf, chunk, readers(leaf, chunk, sink), sink);
  }

  private ColumnDecoder strings(String name, StringColumn target) {
    ColumnDescriptor leaf = file.leaf(name);
    if (leaf == null) {
      return new ColumnDecoder.Missing(ValueSink.of(target), null);
    }
    ChunkPages chunk = pages(leaf);
    return new FlatLeaf(leaf, chunk, new StringValues(leaf, target));
  }

  private ColumnDecoder timestamp(String name, LongColumn target) {
    if (file.leaf(name) == null) {
      return new ColumnDecoder.Missing(ValueSink.of(target), null);
    }
    ColumnDescriptor nanos = file.leaf(ScanColumns.nanosColumn(name));
    IntColumn remainders = new IntColumn();
    return new ColumnDecoder.Timestamp(
        numbers(name, target), target, nanos == null ? null : numbers(nanos.getPath()[0], remainders), remainders);
  }

  private ColumnDecoder map(String name, MapColumn target) {
    List<ColumnDescriptor> leaves = file.leaves(name);
    if (leaves.isEmpty()) {
      return new ColumnDecoder.Missing(null, target.layout);
    }
    List<ColumnDecoder> parts = new ArrayList<>();
    for (ColumnDescriptor leaf : leaves) {
      String part = leaf.getPath()[leaf.getPath().length - 1];
      boolean isKey = part.equals("key");
      StringColumn strings = isKey ? target.keys : target.values;
      ChunkPages chunk = pages(leaf);
      parts.add(new RepeatedValues(
          leaf, chunk, new StringValues(leaf, strings), file.entryDefinition(leaf), isKey ? target.layout : null));
    }
    return new ColumnDecoder.Group(parts);
  }

  private ColumnDecoder list(String name, ListColumn target) {
    List<ColumnDescriptor> leaves = file.leaves(name);
    if (leaves.isEmpty()) {
      return new ColumnDecoder.Missing(null, target.layout);
    }
    List<ColumnDecoder> parts = new ArrayList<>();
    boolean layoutTaken = false;
    for (ColumnDescriptor leaf : leaves) {
      String[] path = leaf.getPath();
      // A list of numbers has the leaf name.list.element; a list of structs name.list.element.<field>,
      // and a map field name.list.element.<field>.key_value.(key|value).
      String field = path.length > 3 ? path[3] : ListColumn.ELEMENT;
      Object vector = target.field(field);
      if (vector == null) {
        throw new IllegalStateException("list column '" + name + "' has an unexpected field " + String.join(".", path));
      }
      if (vector instanceof MapColumn map) {
        boolean isKey = path[path.length - 1].equals("key");
        ValueSink sink = ValueSink.of(isKey ? map.keys : map.values);
        ChunkPages chunk = pages(leaf);
        parts.add(new ColumnDecoder.ListMapLeaf(
            readers(leaf, chunk, sink).open(), file.entryDefinitions(leaf), sink, isKey ? map.layout : null));
      } else {
        ValueSink sink = ValueSink.of(vector);
        ChunkPages chunk = pages(leaf);
        parts.add(new ColumnDecoder.RepeatedLeaf(
            leaf, chunk, readers(leaf, chunk, sink), file.entryDefinition(leaf), sink, layoutTaken ? null : target.layout));
        layoutTaken = true;
      }
    }
    return new ColumnDecoder.Group(parts);
  }

  private ChunkPages pages(ColumnDescriptor leaf) {
    return new ChunkPages(pages.getPageReader(leaf), () -> offsetIndex(leaf));
  }

  private OffsetIndex offsetIndex(ColumnDescriptor leaf) {
    ColumnChunkMetaData chunk = chunk(leaf);
    try {
      return chunk == null ? null : reader.readOffsetIndex(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the offset index of " + String.join(".", leaf.getPath()), e);
    }
  }

  /** Opens readers of {@code leaf} on {@code chunk} whose values go to {@code sink}. */
  private ColumnDecoder.ReaderFactory readers(ColumnDescriptor leaf, ChunkPages chunk, ValueSink sink) {
    return () -> {
      PrimitiveConverter converter = NO_CONVERTER;
      if (sink instanceof ValueSink.Strings strings) {
        strings.clearDictionary();
        converter = strings.converter();
      }
      return new ColumnReaderImpl(leaf, chunk, converter, writer);
    };
  }
}
