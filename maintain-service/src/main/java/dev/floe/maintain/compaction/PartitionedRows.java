package dev.floe.maintain.compaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.SortOrderComparators;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;

/**
 * The rows of one commit, grouped by the table's partition and sorted in its sort order within each
 * group, so that every data file holds one partition in table order. Rows must be in the table's
 * column layout and Iceberg's internal representation (timestamps as microseconds), which is what
 * the partition transforms and sort comparators expect. Not thread-safe.
 *
 * <p>A table without a sort order (created by another tool) still gets sorted files, in Floe's order
 * for the signal: pruning by stream or trace depends on it.
 */
final class PartitionedRows {
  private final PartitionKey probe;
  private final Comparator<Record> order;
  private final Map<PartitionKey, List<Record>> groups = new LinkedHashMap<>();
  private long size;

  /**
   * @param floeOrder the signal's sort order in Floe's own schema, used when the table has none
   */
  PartitionedRows(Table table, Schema floeSchema, SortOrder floeOrder) {
    this.probe = new PartitionKey(table.spec(), table.schema());
    SortOrder sortOrder = table.sortOrder().isSorted() ? table.sortOrder() : rebind(floeOrder, floeSchema, table.schema());
    Comparator<StructLike> structs = SortOrderComparators.forSchema(table.schema(), sortOrder);
    this.order = structs::compare;
  }

  /** The same order on {@code target}'s columns, matched by name; Floe's orders are all identity. */
  static SortOrder rebind(SortOrder order, Schema source, Schema target) {
    SortOrder.Builder builder = SortOrder.builderFor(target);
    for (SortField field : order.fields()) {
      String name = source.findColumnName(field.sourceId());
      if (field.direction() == SortDirection.ASC) {
        builder.asc(name, field.nullOrder());
      } else {
        builder.desc(name, field.nullOrder());
      }
    }
    return builder.build();
  }

  void add(Record row) {
    probe.partition(row);
    List<Record> group = groups.get(probe);
    if (group == null) {
      group = new ArrayList<>();
      groups.put(probe.copy(), group);
    }
    group.add(row);
    size++;
  }

  long size() {
    return size;
  }

  /** Sorts every group in place and returns the groups by partition. */
  Map<PartitionKey, List<Record>> sortedGroups() {
    groups.values().forEach(group -> group.sort(order));
    return groups;
  }
}
