package dev.floe.query.scan;

import dev.floe.schema.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.VersionParser.ParsedVersion;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * The decoders of one row group, writing into the batch's vectors: the timestamp first, then the
 * label set (both needed to select rows), then the other columns.
 */
final class RowGroupColumns {
  private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {};

  private final FileColumns file;
  private final PageReadStore pages;
  private final ParsedVersion writer;
  private final ColumnDecoder timestamp;
  private final ColumnDecoder label;
  private final List<ColumnDecoder> others = new ArrayList<>();

  RowGroupColumns(FileColumns file, PageReadStore pages, ParsedVersion writer, ScanColumns columns, ColumnBatch batch) {
    this.file = file;
    this.pages = pages;
    this.writer = writer;
    ColumnDecoder time = null;
    ColumnDecoder labels = null;
    for (Map.Entry<String, ColumnKind> column : columns.kinds().entrySet()) {
      String name = column.getKey();
      ColumnDecoder decoder = decoder(name, column.getValue(), batch.vector(name));
      if (name.equals(Columns.TIMESTAMP)) {
        time = decoder;
      } else if (name.equals(columns.labelColumn())) {
        labels = decoder;
      } else {
        others.add(decoder);
      }
    }
    this.timestamp = time;
    this.label = labels;
  }

  ColumnDecoder timestamp() {
    return timestamp;
  }

  /** The label-set decoder, or null when the scan has no label filter. */
  ColumnDecoder label() {
    return label;
  }

  List<ColumnDecoder> others() {
    return others;
  }

  private ColumnDecoder decoder(String name, ColumnKind kind, Object vector) {
    return switch (kind) {
      case STRING -> strings(name, (StringColumn) vector);
      case LONG, INT, DOUBLE, BOOLEAN -> flatOrMissing(name, ValueSink.of(vector));
      case TIMESTAMP -> timestamp(name, (LongColumn) vector);
      case MAP -> map(name, (MapColumn) vector);
      case LIST -> list(name, (ListColumn) vector);
    };
  }

  private ColumnDecoder flatOrMissing(String name, ValueSink sink) {
    ColumnDescriptor leaf = file.leaf(name);
    return leaf == null ? new ColumnDecoder.Missing(sink, null) : new ColumnDecoder.Flat(reader(leaf, sink), sink);
  }

  private ColumnDecoder strings(String name, StringColumn target) {
    ColumnDescriptor leaf = file.leaf(name);
    return leaf == null
        ? new ColumnDecoder.Missing(ValueSink.of(target), null)
        : new FlatStrings(leaf, pages.getPageReader(leaf), target);
  }

  private ColumnDecoder timestamp(String name, LongColumn target) {
    ColumnDescriptor micros = file.leaf(name);
    ValueSink sink = ValueSink.of(target);
    if (micros == null) {
      return new ColumnDecoder.Missing(sink, null);
    }
    ColumnDescriptor nanos = file.leaf(ScanColumns.nanosColumn(name));
    IntColumn remainders = new IntColumn();
    ValueSink remainderSink = ValueSink.of(remainders);
    return new ColumnDecoder.Timestamp(
        new ColumnDecoder.Flat(reader(micros, sink), sink),
        target,
        nanos == null ? null : new ColumnDecoder.Flat(reader(nanos, remainderSink), remainderSink),
        remainders);
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
      ValueSink sink = ValueSink.of(isKey ? target.keys : target.values);
      parts.add(new ColumnDecoder.RepeatedLeaf(reader(leaf, sink), file.entryDefinition(leaf), sink, isKey ? target.layout : null));
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
        parts.add(new ColumnDecoder.ListMapLeaf(reader(leaf, sink), file.entryDefinitions(leaf), sink, isKey ? map.layout : null));
      } else {
        ValueSink sink = ValueSink.of(vector);
        parts.add(new ColumnDecoder.RepeatedLeaf(
            reader(leaf, sink), file.entryDefinition(leaf), sink, layoutTaken ? null : target.layout));
        layoutTaken = true;
      }
    }
    return new ColumnDecoder.Group(parts);
  }

  private ColumnReader reader(ColumnDescriptor leaf, ValueSink sink) {
    PrimitiveConverter converter = NO_CONVERTER;
    if (sink instanceof ValueSink.Strings strings) {
      strings.clearDictionary();
      converter = strings.converter();
    }
    return new ColumnReaderImpl(leaf, pages.getPageReader(leaf), converter, writer);
  }
}
