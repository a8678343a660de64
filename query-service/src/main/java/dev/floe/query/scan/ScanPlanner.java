package dev.floe.query.scan;

import dev.floe.schema.Columns;
import dev.floe.wal.WalReader;
import dev.floe.wal.WalSegment;
import dev.floe.wal.Watermarks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.StaticTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;

/**
 * Plans a scan from one table metadata version: Iceberg prunes data files by partition (tenant,
 * day) and column statistics; the WAL is listed per shard above that version's watermarks.
 */
final class ScanPlanner {
  private final WalReader wal;

  ScanPlanner(WalReader wal) {
    this.wal = wal;
  }

  ScanPlan plan(String tableName, TableMetadata metadata, FileIO io, ScanRequest request) {
    Watermarks watermarks = Watermarks.of(metadata.properties());
    List<WalSegment> segments = new ArrayList<>();
    boolean gap = false;
    for (int shard : wal.shards(request.signal())) {
      long watermark = watermarks.get(shard);
      List<WalSegment> above = wal.segmentsAbove(request.signal(), shard, watermark);
      gap |= !above.isEmpty() && above.get(0).key().offset() != watermark + 1;
      segments.addAll(above);
    }
    return new ScanPlan(metadata, dataFiles(tableName, metadata, io, request), segments, gap);
  }

  private static List<DataFile> dataFiles(String tableName, TableMetadata metadata, FileIO io, ScanRequest request) {
    if (metadata.currentSnapshot() == null) {
      return List.of();
    }
    // A table frozen at this metadata version, so the snapshot matches the watermarks read with it.
    Table table = new BaseTable(new StaticTableOperations(metadata, io), tableName);
    List<DataFile> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(filter(request)).planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new UnsupportedOperationException(
              tableName + " has delete files; the scan reads tables without row-level deletes only");
        }
        files.add(task.file());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan a scan of " + tableName, e);
    }
    return files;
  }

  /** The request as an Iceberg filter, for partition and column-statistics pruning. */
  static Expression filter(ScanRequest request) {
    Expression filter =
        Expressions.and(
            Expressions.in(Columns.TENANT_ID, request.tenants().toArray()),
            Expressions.greaterThanOrEqual(Columns.TIMESTAMP, Math.floorDiv(request.startNanos(), 1000)),
            Expressions.lessThanOrEqual(Columns.TIMESTAMP, Math.floorDiv(request.endNanos() - 1, 1000)));
    filter = and(filter, Columns.SERVICE_NAME, request.serviceNames());
    filter = and(filter, Columns.METRIC_NAME, request.metricNames());
    return and(filter, Columns.TRACE_ID, request.traceIds());
  }

  private static Expression and(Expression filter, String column, Set<?> values) {
    return values.isEmpty() ? filter : Expressions.and(filter, Expressions.in(column, values.toArray()));
  }
}
