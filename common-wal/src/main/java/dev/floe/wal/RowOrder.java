package dev.floe.wal;

import dev.floe.schema.TableDefinition;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Comparators;
import org.apache.iceberg.types.Types;

/**
 * Compares rows in a table's sort order, with the value comparators, directions and null orders of
 * Iceberg's {@link SortOrderComparators}. When every sort field is an identity transform of a
 * top-level column, as in Floe's tables, it reads just the columns a comparison needs, where
 * Iceberg's comparator first copies every sort field of both rows into sort keys; sorting a
 * segment's rows then costs a fraction. Other orders get Iceberg's comparator.
 */
final class RowOrder implements Comparator<StructLike> {
  private final int[] positions;
  private final Comparator<Object>[] comparators;

  private RowOrder(int[] positions, Comparator<Object>[] comparators) {
    this.positions = positions;
    this.comparators = comparators;
  }

  static Comparator<StructLike> of(TableDefinition table) {
    Schema schema = table.schema();
    SortOrder order = table.sortOrder();
    List<Types.NestedField> columns = schema.columns();
    List<SortField> fields = order.fields();
    int[] positions = new int[fields.size()];
    @SuppressWarnings("unchecked")
    Comparator<Object>[] comparators = new Comparator[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      SortField field = fields.get(i);
      positions[i] = topLevelPosition(columns, field.sourceId());
      if (!field.transform().isIdentity() || positions[i] < 0 || !columns.get(positions[i]).type().isPrimitiveType()) {
        return SortOrderComparators.forSchema(schema, order);
      }
      comparators[i] = valueOrder(Comparators.forType(columns.get(positions[i]).type().asPrimitiveType()), field);
    }
    return new RowOrder(positions, comparators);
  }

  @Override
  public int compare(StructLike left, StructLike right) {
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
