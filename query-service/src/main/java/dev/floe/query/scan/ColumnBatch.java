package dev.floe.query.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Rows of one tenant from one row group of one file (an Iceberg data file or a WAL segment), as
 * columns. Every row lies in the requested time range and passed the label filter.
 *
 * <p>The scan reuses the batch and its columns for the next batch: read what you need in {@link
 * BatchConsumer#accept} and keep no reference to the batch or its columns afterwards.
 */
public final class ColumnBatch {
  private final Map<String, Object> columns;
  private String tenant;
  private String source;
  private int size;

  private ColumnBatch(Map<String, Object> columns) {
    this.columns = columns;
  }

  /** An empty batch with one column vector per column to decode. */
  static ColumnBatch create(ScanColumns scanColumns, Schema schema) {
    Map<String, Object> columns = new LinkedHashMap<>();
    scanColumns.kinds().forEach((name, kind) -> columns.put(name, vector(kind, schema.asStruct().field(name).type())));
    return new ColumnBatch(columns);
  }

  private static Object vector(ColumnKind kind, Type type) {
    return switch (kind) {
      case STRING -> new StringColumn();
      case LONG, TIMESTAMP -> new LongColumn();
      case INT -> new IntColumn();
      case DOUBLE -> new DoubleColumn();
      case BOOLEAN -> new BooleanColumn();
      case MAP -> new MapColumn();
      case LIST -> {
        Type element = type.asListType().elementType();
        Map<String, Object> fields = new LinkedHashMap<>();
        if (element.isStructType()) {
          for (Types.NestedField field : element.asStructType().fields()) {
            fields.put(field.name(), structField(field.type()));
          }
        } else {
          fields.put(ListColumn.ELEMENT, number(element));
        }
        yield new ListColumn(fields);
      }
    };
  }

  private static Object structField(Type type) {
    if (ColumnKind.isBytes(type)) {
      return new StringColumn();
    }
    return type.typeId() == Type.TypeID.MAP ? new MapColumn() : number(type);
  }

  private static Object number(Type type) {
    return type.typeId() == Type.TypeID.DOUBLE ? new DoubleColumn() : new LongColumn();
  }

  void reset(String tenantId, String sourceName) {
    this.tenant = tenantId;
    this.source = sourceName;
    this.size = 0;
  }

  void size(int rows) {
    this.size = rows;
  }

  /** The tenant every row of this batch belongs to. */
  public String tenant() {
    return tenant;
  }

  /** The file or WAL segment the rows come from, for diagnostics. */
  public String source() {
    return source;
  }

  public int size() {
    return size;
  }

  /** Whether the batch carries {@code column}. */
  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** A long column; a timestamp column comes as nanoseconds since the epoch. */
  public LongColumn longs(String column) {
    return column(column, LongColumn.class);
  }

  public IntColumn ints(String column) {
    return column(column, IntColumn.class);
  }

  public DoubleColumn doubles(String column) {
    return column(column, DoubleColumn.class);
  }

  public BooleanColumn booleans(String column) {
    return column(column, BooleanColumn.class);
  }

  /** A string, fixed or binary column. */
  public StringColumn strings(String column) {
    return column(column, StringColumn.class);
  }

  public MapColumn maps(String column) {
    return column(column, MapColumn.class);
  }

  public ListColumn lists(String column) {
    return column(column, ListColumn.class);
  }

  Object vector(String column) {
    return columns.get(column);
  }

  private <T> T column(String name, Class<T> type) {
    Object column = columns.get(name);
    if (column == null) {
      throw new IllegalArgumentException("the batch has no column '" + name + "'; it has " + columns.keySet());
    }
    if (!type.isInstance(column)) {
      throw new IllegalArgumentException(
          "column '" + name + "' is a " + column.getClass().getSimpleName() + ", not a " + type.getSimpleName());
    }
    return type.cast(column);
  }
}
