package dev.floe.maintain.compaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The schema to read WAL segments with so that rows come out in the table's column layout.
 *
 * <p>WAL segments carry the field ids of Floe's own schema; the table in the catalog may order its
 * columns differently, use other field ids (created by another tool) or have columns added later.
 * Parquet readers match columns by field id and return them in the order of the read schema, so this
 * schema lists the table's columns, in the table's order, each with the WAL's field id and type for
 * its name. Table columns the WAL does not have get fresh ids that no segment uses and read as null.
 * Rows read this way go to the table's writer as they are: positions match, no copy per row.
 * Nested fields match by position, which {@code FloeCatalog} checks when it opens the tables.
 */
final class TableProjection {
  private TableProjection() {}

  /**
   * @throws IllegalStateException if the table has a required column that the WAL lacks
   */
  static Schema readSchema(Schema table, Schema wal) {
    AtomicInteger nextId = new AtomicInteger(wal.highestFieldId());
    List<NestedField> columns = new ArrayList<>();
    for (NestedField column : table.columns()) {
      NestedField walColumn = wal.asStruct().field(column.name());
      if (walColumn != null) {
        columns.add(walColumn);
      } else if (column.isOptional()) {
        Type fresh = TypeUtil.assignFreshIds(column.type(), nextId::incrementAndGet);
        columns.add(Types.NestedField.optional(nextId.incrementAndGet(), column.name(), fresh));
      } else {
        throw new IllegalStateException(
            "table column '" + column.name() + "' is required but WAL segments do not have it");
      }
    }
    return new Schema(columns);
  }
}
