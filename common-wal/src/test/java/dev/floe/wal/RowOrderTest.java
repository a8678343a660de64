package dev.floe.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import dev.floe.schema.TableDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class RowOrderTest {
  @Test
  void ordersRowsOfEveryTableAsIcebergsSortOrderComparatorDoes() {
    for (Signal signal : Signal.values()) {
      assertSameOrder(signal.table(), new RandomRows(100 + signal.ordinal()).rows(signal.table().schema(), 3000));
    }
  }

  @Test
  void ordersDescendingFieldsAndNullsAsIcebergDoes() {
    Schema schema =
        new Schema(
            Types.NestedField.optional(1, "name", Types.StringType.get()),
            Types.NestedField.required(2, "time", Types.LongType.get()),
            Types.NestedField.required(3, "count", Types.IntegerType.get()),
            Types.NestedField.optional(4, "label", Types.StringType.get()));
    SortOrder order =
        SortOrder.builderFor(schema)
            .sortBy(Expressions.ref("name"), SortDirection.DESC, NullOrder.NULLS_LAST)
            .sortBy(Expressions.ref("count"), SortDirection.DESC, NullOrder.NULLS_FIRST)
            .sortBy(Expressions.ref("label"), SortDirection.ASC, NullOrder.NULLS_FIRST)
            .sortBy(Expressions.ref("time"), SortDirection.ASC, NullOrder.NULLS_FIRST)
            .build();
    TableDefinition table = new TableDefinition("t", schema, PartitionSpec.unpartitioned(), order, Map.of());
    assertSameOrder(table, new RandomRows(7).rows(schema, 3000));
  }

  /** Also checks that rows with equal sort fields keep their order, as a stable sort does. */
  private static void assertSameOrder(TableDefinition table, List<Record> random) {
    List<Record> rows = withRepeatedSortFields(table, random);
    Comparator<StructLike> iceberg = SortOrderComparators.forSchema(table.schema(), table.sortOrder());
    RowOrder ours = RowOrder.of(table);
    for (int i = 1; i < rows.size(); i++) {
      Record left = rows.get(i - 1);
      Record right = rows.get(i);
      assertThat(Integer.signum(ours.compare(left, right)))
          .as("%s rows %d and %d", table.name(), i - 1, i)
          .isEqualTo(Integer.signum(iceberg.compare(left, right)));
    }
    List<Record> sortedByOurs = new ArrayList<>(rows);
    ours.sort(sortedByOurs);
    List<Record> sortedByIceberg = new ArrayList<>(rows);
    sortedByIceberg.sort(iceberg);
    assertThat(sortedByOurs).as(table.name()).containsExactlyElementsOf(sortedByIceberg);
  }

  /** Every third row takes the sort fields of the row before it and keeps its other values. */
  private static List<Record> withRepeatedSortFields(TableDefinition table, List<Record> rows) {
    List<Record> result = new ArrayList<>(rows);
    for (int i = 2; i < result.size(); i += 3) {
      Record copy = result.get(i).copy();
      for (var field : table.sortOrder().fields()) {
        String name = table.schema().findColumnName(field.sourceId());
        copy.setField(name, result.get(i - 1).getField(name));
      }
      result.set(i, copy);
    }
    return result;
  }
}
