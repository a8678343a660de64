package dev.floe.maintain.lifecycle;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.parquet.InternalWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Writes rows of one partition, in Iceberg's internal representation, to new Parquet data files of
 * the table, starting a new file when the current one reaches the target size. The table's write
 * properties (codec, bloom filters, metrics) apply, and each file records the table's sort order.
 */
final class RollingDataWriter implements Closeable {
  /** Checking the size after every row would cost more than the writing; files overshoot a little. */
  private static final int ROWS_BETWEEN_SIZE_CHECKS = 1000;

  private final Table table;
  private final PartitionSpec spec;
  private final StructLike partition;
  private final long targetFileBytes;
  private final OutputFileFactory files;
  private final List<DataFile> written = new ArrayList<>();
  private final List<String> opened = new ArrayList<>();
  private DataWriter<StructLike> current;
  private long rowsInCurrent;

  RollingDataWriter(Table table, PartitionSpec spec, StructLike partition, long targetFileBytes) {
    this.table = table;
    this.spec = spec;
    this.partition = partition;
    this.targetFileBytes = targetFileBytes;
    this.files =
        OutputFileFactory.builderFor(table, spec.specId(), 0)
            .format(FileFormat.PARQUET)
            .operationId("rewrite-" + UUID.randomUUID())
            .build();
  }

  void write(StructLike row) {
    if (current == null) {
      current = open();
    }
    current.write(row);
    rowsInCurrent++;
    if (rowsInCurrent % ROWS_BETWEEN_SIZE_CHECKS == 0 && current.length() >= targetFileBytes) {
      closeCurrent();
    }
  }

  /** Closes the last file and returns every file written. */
  List<DataFile> finish() {
    closeCurrent();
    return List.copyOf(written);
  }

  /** Every file this writer created, finished or not, for cleanup after a failure. */
  List<String> locations() {
    return List.copyOf(opened);
  }

  @Override
  public void close() {
    closeCurrent();
  }

  private DataWriter<StructLike> open() {
    EncryptedOutputFile output = files.newOutputFile(spec, partition);
    opened.add(output.encryptingOutputFile().location());
    rowsInCurrent = 0;
    try {
      return Parquet.writeData(output)
          .forTable(table)
          .withSpec(spec)
          .withPartition(partition)
          .withSortOrder(table.sortOrder())
          .createWriterFunc(InternalWriter::createWriter)
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + output.encryptingOutputFile().location(), e);
    }
  }

  private void closeCurrent() {
    if (current == null) {
      return;
    }
    DataWriter<StructLike> closing = current;
    current = null;
    try {
      closing.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish a rewritten data file", e);
    }
    written.add(closing.toDataFile());
  }
}
