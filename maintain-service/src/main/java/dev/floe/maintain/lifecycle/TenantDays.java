package dev.floe.maintain.lifecycle;

import dev.floe.schema.Columns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The tenants present in a table's current snapshot and the oldest day partition of each, read from
 * the partition values in the manifests (no data file is opened).
 */
final class TenantDays {
  private TenantDays() {}

  /**
   * Tenant to the oldest {@code day(timestamp)} value (days since 1970-01-01 UTC) of its data files.
   *
   * @throws IllegalStateException if a file's partition spec lacks identity(tenant_id) or
   *     day(timestamp)
   */
  static Map<String, Integer> oldestDays(Table table) {
    Map<String, Integer> oldest = new HashMap<>();
    if (table.currentSnapshot() == null) {
      return oldest;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().ignoreResiduals().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        PartitionSpec spec = table.specs().get(file.specId());
        String tenant = file.partition().get(position(spec, Columns.TENANT_ID, "identity"), String.class);
        Integer day = file.partition().get(position(spec, Columns.TIMESTAMP, "day"), Integer.class);
        if (tenant != null && day != null) {
          oldest.merge(tenant, day, Math::min);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifests of " + table.name(), e);
    }
    return oldest;
  }

  private static int position(PartitionSpec spec, String column, String transform) {
    int sourceId = spec.schema().findField(column).fieldId();
    List<PartitionField> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      PartitionField field = fields.get(i);
      if (field.sourceId() == sourceId && field.transform().toString().equals(transform)) {
        return i;
      }
    }
    throw new IllegalStateException("partition spec " + spec.specId() + " has no " + transform + "(" + column + ")");
  }
}
