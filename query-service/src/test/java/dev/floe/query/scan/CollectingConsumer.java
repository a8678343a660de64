package dev.floe.query.scan;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Copies every row of the batches it gets into maps, as a query engine would use the values. */
final class CollectingConsumer implements BatchConsumer {
  /** One delivered row: its tenant and its values by column (maps and lists as Java collections). */
  record Row(String tenant, Map<String, Object> values) {
    Object get(String column) {
      return values.get(column);
    }
  }

  final List<Row> rows = new ArrayList<>();
  final List<String> columns;
  int resets;
  int batches;

  CollectingConsumer(String... columns) {
    this.columns = List.of(columns);
  }

  @Override
  public void accept(ColumnBatch batch) {
    batches++;
    for (int row = 0; row < batch.size(); row++) {
      Map<String, Object> values = new java.util.HashMap<>();
      for (String column : columns) {
        values.put(column, value(batch, column, row));
      }
      rows.add(new Row(batch.tenant(), values));
    }
  }

  @Override
  public void reset() {
    resets++;
    rows.clear();
  }

  List<Object> values(String column) {
    return rows.stream().map(row -> row.get(column)).toList();
  }

  private static Object value(ColumnBatch batch, String column, int row) {
    Object vector = batch.vector(column);
    if (vector instanceof LongColumn longs) {
      return longs.isNull(row) ? null : longs.get(row);
    }
    if (vector instanceof IntColumn ints) {
      return ints.isNull(row) ? null : ints.get(row);
    }
    if (vector instanceof DoubleColumn doubles) {
      return doubles.isNull(row) ? null : doubles.get(row);
    }
    if (vector instanceof BooleanColumn booleans) {
      return booleans.isNull(row) ? null : booleans.get(row);
    }
    if (vector instanceof StringColumn strings) {
      return strings.get(row);
    }
    if (vector instanceof MapColumn maps) {
      return maps.toMap(row);
    }
    ListColumn list = (ListColumn) vector;
    if (list.isNull(row)) {
      return null;
    }
    List<Object> elements = new ArrayList<>();
    for (int entry = list.start(row); entry < list.start(row) + list.size(row); entry++) {
      elements.add(element(list, entry));
    }
    return elements;
  }

  private static Object element(ListColumn list, int entry) {
    Object only = list.field(ListColumn.ELEMENT);
    if (only instanceof DoubleColumn doubles) {
      return doubles.get(entry);
    }
    if (only instanceof LongColumn longs) {
      return longs.get(entry);
    }
    if (list.field("quantile") != null) {
      return List.of(list.doubles("quantile").get(entry), list.doubles("value").get(entry));
    }
    // exemplars: every kind of struct field, ids in hex
    return Arrays.asList(
        list.longs("time_unix_nano").get(entry),
        list.doubles("value_double").isNull(entry) ? null : list.doubles("value_double").get(entry),
        list.longs("value_int").isNull(entry) ? null : list.longs("value_int").get(entry),
        hex(list.strings("span_id"), entry),
        hex(list.strings("trace_id"), entry),
        list.maps("filtered_attributes").toMap(entry));
  }

  private static String hex(StringColumn ids, int entry) {
    ByteBuffer id = ids.bytes(entry);
    if (id == null) {
      return null;
    }
    byte[] bytes = new byte[id.remaining()];
    id.duplicate().get(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
