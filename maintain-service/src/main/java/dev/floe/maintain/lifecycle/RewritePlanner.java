package dev.floe.maintain.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Chooses what the small-file rewrite merges: per partition, the small Parquet data files, smallest
 * first up to the per-commit byte cap, when there are at least the configured number of them.
 *
 * <p>Files that carry delete files are left alone: reading them file by file would bring deleted
 * rows back.
 */
final class RewritePlanner {
  private final RewriteConfig config;

  RewritePlanner(RewriteConfig config) {
    this.config = config;
  }

  /** The groups to rewrite in snapshot {@code snapshotId}, those with the most files first. */
  List<RewriteGroup> plan(Table table, long snapshotId) {
    Map<String, List<DataFile>> smallFiles = new LinkedHashMap<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshotId).ignoreResiduals().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile file = task.file();
        if (file.fileSizeInBytes() < config.smallFileBytes()
            && file.format() == FileFormat.PARQUET
            && task.deletes().isEmpty()) {
          PartitionSpec spec = table.specs().get(file.specId());
          String partition = file.specId() + "/" + spec.partitionToPath(file.partition());
          smallFiles.computeIfAbsent(partition, k -> new ArrayList<>()).add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifests of " + table.name(), e);
    }

    List<RewriteGroup> groups = new ArrayList<>();
    for (List<DataFile> files : smallFiles.values()) {
      files.sort(Comparator.comparingLong(DataFile::fileSizeInBytes));
      List<DataFile> chosen = new ArrayList<>();
      long bytes = 0;
      for (DataFile file : files) {
        if (bytes + file.fileSizeInBytes() > config.maxCommitBytes()) {
          break;
        }
        chosen.add(file);
        bytes += file.fileSizeInBytes();
      }
      if (chosen.size() >= config.minInputFiles()) {
        DataFile first = chosen.get(0);
        groups.add(new RewriteGroup(table.specs().get(first.specId()), first.partition(), chosen));
      }
    }
    groups.sort(Comparator.comparingInt((RewriteGroup group) -> group.files().size()).reversed());
    return groups;
  }
}
