package dev.floe.query.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Rows of one tenant from one row group of one file (an Iceberg data file or a WAL segment), as
 * columns. Every row lies in the requested time range and passed the label filter.
 *
 * <p>The timestamp and label columns are decoded with the batch; every other column when it is first
 * read, so a consumer pays only for the columns it reads, and, after {@link #select}, only for the
 * rows it selected.
 *
 * <p>The scan reuses the batch and its columns for the next batch: read what you need in {@link
 * BatchConsumer#accept} and keep no reference to the batch or its columns afterwards.
 */
public final class ColumnBatch {
  /** Decodes the columns of the current batch on demand. */
  interface Loader {
    /** Decodes {@code column} for the batch's rows, or only those {@code only} flags when it is not null. */
    void load(String column, boolean[] only);

    /** The keys a map column can hold in the current row group, or null when that is not known. */
    Set<String> mapKeys(String column);
  }

  private final Map<String, Object> columns;
  private String tenant;
  private String source;
  private int size;
  private Loader loader;
  private boolean[] selected;

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
    if (type.typeId() == Type.TypeID.INTEGER) {
      return new IntColumn();
    }
    return type.typeId() == Type.TypeID.MAP ? new MapColumn() : number(type);
  }

  private static Object number(Type type) {
    return type.typeId() == Type.TypeID.DOUBLE ? new DoubleColumn() : new LongColumn();
  }

  void reset(String tenantId, String sourceName, Loader columnLoader) {
    this.tenant = tenantId;
    this.source = sourceName;
    this.loader = columnLoader;
    this.size = 0;
  }

  void startBatch(int rows) {
    this.size = rows;
    this.selected = null;
  }

  /**
   * Restricts the columns not read yet in this batch to the rows {@code rows} flags (indexed like the
   * batch's rows): read afterwards, they hold values for those rows and null for the others. Lets a
   * consumer that drops most rows on a few columns skip the other columns' values of those rows.
   */
  public void select(boolean[] rows) {
    if (rows.length < size) {
      throw new IllegalArgumentException("a selection of " + rows.length + " rows for a batch of " + size);
    }
    selected = rows;
  }

  /**
   * The keys {@code column}, a map column, can hold in this batch (those of its row group's
   * dictionary), or null when that is not known; reads no values. Lets a consumer that looks for
   * particular keys skip a map column that cannot hold them.
   */
  public Set<String> mapKeys(String column) {
    column(column, MapColumn.class);
    return loader.mapKeys(column);
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
    return loaded(column, LongColumn.class);
  }

  public IntColumn ints(String column) {
    return loaded(column, IntColumn.class);
  }

  public DoubleColumn doubles(String column) {
    return loaded(column, DoubleColumn.class);
  }

  public BooleanColumn booleans(String column) {
    return loaded(column, BooleanColumn.class);
  }

  /** A string, fixed or binary column. */
  public StringColumn strings(String column) {
    return loaded(column, StringColumn.class);
  }

  public MapColumn maps(String column) {
    return loaded(column, MapColumn.class);
  }

  public ListColumn lists(String column) {
    return loaded(column, ListColumn.class);
  }

  /** The vector of {@code column}, decoded for this batch. */
  Object vector(String column) {
    Object vector = columns.get(column);
    loader.load(column, selected);
    return vector;
  }

  /** The vector the decoders of {@code column} write into. */
  Object target(String column) {
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

  private <T> T loaded(String name, Class<T> type) {
    T column = column(name, type);
    loader.load(name, selected);
    return column;
  }
}
