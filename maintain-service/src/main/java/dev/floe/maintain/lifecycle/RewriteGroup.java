package dev.floe.maintain.lifecycle;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;

/**
 * Small files of one partition that one commit rewrites.
 *
 * @param spec the files' partition spec
 * @param partition the files' partition value
 * @param files the files, smallest first
 */
record RewriteGroup(PartitionSpec spec, StructLike partition, List<DataFile> files) {
  RewriteGroup {
    files = List.copyOf(files);
  }

  long bytes() {
    return files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
  }

  String describe() {
    return spec.partitionToPath(partition);
  }
}
