package dev.floe.query.scan;

import java.util.Map;

/**
 * A list column in a {@link ColumnBatch}. The elements of all rows sit in entry-indexed element
 * columns: row {@code r} holds entries {@code start(r) .. start(r)+size(r)-1}. A list of numbers has
 * one element column ({@link #doubles()} or {@link #longs()}); a list of structs has one per struct
 * field ({@link #doubles(String)}, {@link #longs(String)}, {@link #ints(String)}, {@link
 * #strings(String)}, {@link #maps(String)}), whose rows are the list's entries. Valid until the consumer returns from
 * {@link BatchConsumer#accept}.
 */
public final class ListColumn {
  /** The field name of the element column of a list of numbers. */
  static final String ELEMENT = "element";

  final Repeated layout = new Repeated();
  private final Map<String, Object> fields;

  ListColumn(Map<String, Object> fields) {
    this.fields = fields;
  }

  public boolean isNull(int row) {
    return layout.nulls[row];
  }

  public int size(int row) {
    return layout.offsets[row + 1] - layout.offsets[row];
  }

  /** The entry index of the row's first element. */
  public int start(int row) {
    return layout.offsets[row];
  }

  public DoubleColumn doubles() {
    return doubles(ELEMENT);
  }

  public LongColumn longs() {
    return longs(ELEMENT);
  }

  public DoubleColumn doubles(String field) {
    return field(field, DoubleColumn.class);
  }

  public LongColumn longs(String field) {
    return field(field, LongColumn.class);
  }

  /** An int field of the structs. */
  public IntColumn ints(String field) {
    return field(field, IntColumn.class);
  }

  /** A string, fixed or binary field of the structs. */
  public StringColumn strings(String field) {
    return field(field, StringColumn.class);
  }

  /** A {@code map<string,string>} field of the structs: its row {@code e} is the map of entry {@code e}. */
  public MapColumn maps(String field) {
    return field(field, MapColumn.class);
  }

  Object field(String name) {
    return fields.get(name);
  }

  private <T> T field(String name, Class<T> type) {
    Object column = fields.get(name);
    if (!type.isInstance(column)) {
      throw new IllegalArgumentException(
          "list has no " + type.getSimpleName() + " field '" + name + "'; it has " + fields.keySet());
    }
    return type.cast(column);
  }
}
