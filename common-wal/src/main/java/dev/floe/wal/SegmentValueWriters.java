package dev.floe.wal;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.ParquetValueWriters;
import org.apache.iceberg.parquet.TypeWithSchemaVisitor;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Builds the Parquet value writers for one segment: the same writers and the same bytes as
 * Iceberg's {@code InternalWriter} for rows in Iceberg's internal representation, except that
 * string columns are written by {@link CachedStringWriter}, which turns a repeated string into its
 * UTF-8 binary once per segment rather than once per row, fixed-length columns by {@link
 * FixedBytesWriter}, which hands Parquet array-backed values, and maps by {@link
 * StringMapWriter}, which converts a map that rows share only once. Covers the column types of Floe's
 * tables; others are refused.
 */
final class SegmentValueWriters extends TypeWithSchemaVisitor<ParquetValueWriter<?>> {
  private final MessageType type;

  private SegmentValueWriters(MessageType type) {
    this.type = type;
  }

  /** Writers for rows of {@code schema} into files of Parquet type {@code type}; use for one segment. */
  @SuppressWarnings("unchecked")
  static ParquetValueWriter<Record> create(Schema schema, MessageType type) {
    return (ParquetValueWriter<Record>) visit(schema.asStruct(), type, new SegmentValueWriters(type));
  }

  @Override
  public ParquetValueWriter<?> message(
      Types.StructType struct, MessageType message, List<ParquetValueWriter<?>> fieldWriters) {
    return struct(struct, message.asGroupType(), fieldWriters);
  }

  @Override
  public ParquetValueWriter<?> struct(
      Types.StructType struct, GroupType group, List<ParquetValueWriter<?>> fieldWriters) {
    List<ParquetValueWriter<?>> writers = new ArrayList<>(fieldWriters.size());
    for (int i = 0; i < fieldWriters.size(); i++) {
      Type field = group.getType(i);
      writers.add(ParquetValueWriters.option(field, definitionLevel(path(field.getName())), fieldWriters.get(i)));
    }
    return ParquetValueWriters.recordWriter(struct, writers);
  }

  @Override
  public ParquetValueWriter<?> list(Types.ListType list, GroupType group, ParquetValueWriter<?> elementWriter) {
    String[] repeated = currentPath();
    Type element = group.getFields().get(0).asGroupType().getType(0);
    return ParquetValueWriters.collections(
        definitionLevel(repeated),
        type.getMaxRepetitionLevel(repeated),
        ParquetValueWriters.option(element, definitionLevel(path(element.getName())), elementWriter));
  }

  @Override
  public ParquetValueWriter<?> map(
      Types.MapType map, GroupType group, ParquetValueWriter<?> keyWriter, ParquetValueWriter<?> valueWriter) {
    if (!(keyWriter instanceof CachedStringWriter) || !(valueWriter instanceof CachedStringWriter)) {
      throw new UnsupportedOperationException("WAL segments have only maps of strings to strings, not " + map);
    }
    String[] repeated = currentPath();
    GroupType entry = group.getFields().get(0).asGroupType();
    return new StringMapWriter(
        definitionLevel(repeated),
        type.getMaxRepetitionLevel(repeated),
        definitionLevel(path(entry.getType(1).getName())),
        (CachedStringWriter) keyWriter,
        (CachedStringWriter) valueWriter);
  }

  @Override
  public ParquetValueWriter<?> primitive(org.apache.iceberg.types.Type.PrimitiveType iceberg, PrimitiveType primitive) {
    ColumnDescriptor column = type.getColumnDescription(currentPath());
    switch (iceberg.typeId()) {
      case STRING:
        return new CachedStringWriter(column);
      case BOOLEAN:
        return ParquetValueWriters.booleans(column);
      case INTEGER:
      case DATE:
        return ParquetValueWriters.ints(column);
      case LONG:
      case TIME:
      case TIMESTAMP:
        return ParquetValueWriters.longs(column);
      case FLOAT:
        return ParquetValueWriters.floats(column);
      case DOUBLE:
        return ParquetValueWriters.doubles(column);
      case FIXED:
        return new FixedBytesWriter(column);
      case BINARY:
        return ParquetValueWriters.byteBuffers(column);
      default:
        throw new UnsupportedOperationException("WAL segments have no " + iceberg + " columns");
    }
  }

  private int definitionLevel(String[] path) {
    return type.getMaxDefinitionLevel(path);
  }
}
