package dev.floe.wal;

import dev.floe.schema.TableDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Comparators;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Sorts and compares rows in a table's sort order, with the value comparators, directions and null
 * orders of Iceberg's {@link SortOrderComparators}.
 *
 * <p>When every sort field is an identity transform of a top-level column, as in Floe's tables,
 * {@link #sort} first turns each row's sort fields into numbers: required integer and timestamp
 * columns are their own key, and any other column is ranked among the segment's distinct values
 * (a few tenants, metric names). The rows are then ordered by comparing numbers, where comparing
 * the values themselves would go through a chain of boxed, null-aware comparators for every field of
 * every comparison. Other orders use Iceberg's comparator.
 */
final class RowOrder implements Comparator<StructLike> {
  private final int[] positions;
  private final Comparator<Object>[] comparators;
  /** Per sort field, whether its column is a required integer or timestamp, its own sort key. */
  private final boolean[] numeric;
  private final boolean[] descending;
  /** Iceberg's comparator when the order has other than identity fields of top-level columns. */
  private final Comparator<StructLike> iceberg;

  private RowOrder(
      int[] positions,
      Comparator<Object>[] comparators,
      boolean[] numeric,
      boolean[] descending,
      Comparator<StructLike> iceberg) {
    this.positions = positions;
    this.comparators = comparators;
    this.numeric = numeric;
    this.descending = descending;
    this.iceberg = iceberg;
  }

  static RowOrder of(TableDefinition table) {
    Schema schema = table.schema();
    SortOrder order = table.sortOrder();
    List<Types.NestedField> columns = schema.columns();
    List<SortField> fields = order.fields();
    int[] positions = new int[fields.size()];
    @SuppressWarnings("unchecked")
    Comparator<Object>[] comparators = new Comparator[fields.size()];
    boolean[] numeric = new boolean[fields.size()];
    boolean[] descending = new boolean[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      SortField field = fields.get(i);
      positions[i] = topLevelPosition(columns, field.sourceId());
      if (!field.transform().isIdentity() || positions[i] < 0 || !columns.get(positions[i]).type().isPrimitiveType()) {
        return new RowOrder(null, null, null, null, SortOrderComparators.forSchema(schema, order));
      }
      Types.NestedField column = columns.get(positions[i]);
      comparators[i] = valueOrder(Comparators.forType(column.type().asPrimitiveType()), field);
      numeric[i] = column.isRequired() && isIntegral(column.type());
      descending[i] = field.direction() == SortDirection.DESC;
    }
    return new RowOrder(positions, comparators, numeric, descending, null);
  }

  /** Sorts {@code rows} in place; rows that compare equal keep their order. */
  <T extends StructLike> void sort(List<T> rows) {
    if (iceberg != null) {
      rows.sort(iceberg);
      return;
    }
    int count = rows.size();
    long[][] keys = new long[positions.length][];
    for (int f = 0; f < positions.length; f++) {
      keys[f] = numeric[f] ? numbers(rows, f) : ranks(rows, f);
    }
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> compareKeys(keys, a, b));
    List<T> unsorted = new ArrayList<>(rows);
    for (int i = 0; i < count; i++) {
      rows.set(i, unsorted.get(order[i]));
    }
  }

  private static int compareKeys(long[][] keys, int a, int b) {
    for (long[] key : keys) {
      int cmp = Long.compare(key[a], key[b]);
      if (cmp != 0) {
        return cmp;
      }
    }
    return 0;
  }

  /** Each row's value of a required integral field; inverted bits (without overflow) for descending. */
  private long[] numbers(List<? extends StructLike> rows, int field) {
    long[] keys = new long[rows.size()];
    for (int i = 0; i < keys.length; i++) {
      long value = rows.get(i).get(positions[field], Number.class).longValue();
      keys[i] = descending[field] ? ~value : value;
    }
    return keys;
  }

  /** Each row's rank among the distinct values of the field in its order (direction and nulls included). */
  private long[] ranks(List<? extends StructLike> rows, int field) {
    Map<Object, Long> ranks = new HashMap<>();
    Object[] values = new Object[rows.size()];
    boolean nulls = false;
    for (int i = 0; i < values.length; i++) {
      values[i] = rows.get(i).get(positions[field], Object.class);
      if (values[i] == null) {
        nulls = true;
      } else if (i == 0 || values[i] != values[i - 1]) {
        // Rows of one request share their tenant string, so a repeat is usually the same object.
        ranks.put(values[i], 0L);
      }
    }
    List<Object> distinct = new ArrayList<>(ranks.keySet());
    if (nulls) {
      distinct.add(null);
    }
    distinct.sort(comparators[field]);
    long[] keys = new long[values.length];
    long nullRank = 0;
    for (int rank = 0; rank < distinct.size(); rank++) {
      Object value = distinct.get(rank);
      if (value == null) {
        nullRank = rank;
      } else {
        ranks.put(value, (long) rank);
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        keys[i] = nullRank;
      } else {
        keys[i] = i > 0 && values[i] == values[i - 1] ? keys[i - 1] : ranks.get(values[i]);
      }
    }
    return keys;
  }

  @Override
  public int compare(StructLike left, StructLike right) {
    if (iceberg != null) {
      return iceberg.compare(left, right);
    }
    for (int i = 0; i < positions.length; i++) {
      Object a = left.get(positions[i], Object.class);
      Object b = right.get(positions[i], Object.class);
      // Rows of one request share their tenant and label strings, so equal values are often the same object.
      if (a != b) {
        int cmp = comparators[i].compare(a, b);
        if (cmp != 0) {
          return cmp;
        }
      }
    }
    return 0;
  }

  private static boolean isIntegral(Type type) {
    switch (type.typeId()) {
      case INTEGER:
      case LONG:
      case DATE:
      case TIME:
      case TIMESTAMP:
      case TIMESTAMP_NANO:
        return true;
      default:
        return false;
    }
  }

  private static Comparator<Object> valueOrder(Comparator<Object> values, SortField field) {
    Comparator<Object> directed = field.direction() == SortDirection.DESC ? values.reversed() : values;
    return field.nullOrder() == NullOrder.NULLS_LAST
        ? Comparators.nullsLast().thenComparing(directed)
        : Comparators.nullsFirst().thenComparing(directed);
  }

  private static int topLevelPosition(List<Types.NestedField> columns, int fieldId) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).fieldId() == fieldId) {
        return i;
      }
    }
    return -1;
  }
}
