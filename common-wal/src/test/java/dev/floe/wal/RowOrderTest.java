package dev.floe.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

class RowOrderTest {
  @Test
  void ordersRowsOfEveryTableAsIcebergsSortOrderComparatorDoes() {
    for (Signal signal : Signal.values()) {
      List<Record> rows = new RandomRows(100 + signal.ordinal()).rows(signal.table().schema(), 3000);
      Comparator<StructLike> iceberg = SortOrderComparators.forSchema(signal.table().schema(), signal.table().sortOrder());
      Comparator<StructLike> ours = RowOrder.of(signal.table());

      for (int i = 1; i < rows.size(); i++) {
        Record left = rows.get(i - 1);
        Record right = rows.get(i);
        assertThat(Integer.signum(ours.compare(left, right)))
            .as("%s rows %d and %d", signal.id(), i - 1, i)
            .isEqualTo(Integer.signum(iceberg.compare(left, right)));
      }
      List<Record> sortedByOurs = new ArrayList<>(rows);
      sortedByOurs.sort(ours);
      List<Record> sortedByIceberg = new ArrayList<>(rows);
      sortedByIceberg.sort(iceberg);
      assertThat(sortedByOurs).as(signal.id()).isEqualTo(sortedByIceberg);
    }
  }
}
