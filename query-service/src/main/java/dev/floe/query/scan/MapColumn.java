package dev.floe.query.scan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code map<string,string>} column in a {@link ColumnBatch}: row {@code r} holds the entries
 * {@code 0 .. size(r)-1}. Valid until the consumer returns from {@link BatchConsumer#accept}.
 */
public final class MapColumn {
  final Repeated layout = new Repeated();
  final StringColumn keys = new StringColumn();
  final StringColumn values = new StringColumn();

  MapColumn() {}

  public boolean isNull(int row) {
    return layout.nulls[row];
  }

  public int size(int row) {
    return layout.offsets[row + 1] - layout.offsets[row];
  }

  public String key(int row, int entry) {
    return keys.get(layout.offsets[row] + entry);
  }

  public String value(int row, int entry) {
    return values.get(layout.offsets[row] + entry);
  }

  /** The value under {@code key}, or null when the row has no such key. */
  public String get(int row, String key) {
    for (int entry = layout.offsets[row]; entry < layout.offsets[row + 1]; entry++) {
      if (key.equals(keys.get(entry))) {
        return values.get(entry);
      }
    }
    return null;
  }

  /** The row as a map, in stored order; null for a null row. Allocates: for tests and rare paths. */
  public Map<String, String> toMap(int row) {
    if (isNull(row)) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int entry = 0; entry < size(row); entry++) {
      map.put(key(row, entry), value(row, entry));
    }
    return map;
  }
}
