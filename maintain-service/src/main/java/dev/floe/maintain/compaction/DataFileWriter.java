package dev.floe.maintain.compaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.InternalWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Writes the sorted rows of one partition into Parquet data files of the table, starting a new file
 * when the current one reaches the target size. Files get the table's write properties (codec, bloom
 * filters, row group size), its metrics configuration and sort order id, so each {@link DataFile}
 * carries the partition, record count and column statistics that scan planning prunes with.
 *
 * <p>Every file this writer creates is remembered until {@link #written()} is taken, so that a failed
 * commit can delete them all. Not thread-safe.
 */
final class DataFileWriter {
  /** Checking the size costs a little; Iceberg's own rolling writers check every 1000 rows too. */
  private static final int ROWS_BETWEEN_SIZE_CHECKS = 1000;

  private final Table table;
  private final OutputFileFactory files;
  private final long targetFileBytes;
  private final List<String> locations = new ArrayList<>();

  DataFileWriter(Table table, OutputFileFactory files, long targetFileBytes) {
    this.table = table;
    this.files = files;
    this.targetFileBytes = targetFileBytes;
  }

  /** Writes {@code rows}, all of {@code partition} and in table order, into one or more files. */
  List<DataFile> write(PartitionKey partition, List<Record> rows) {
    List<DataFile> written = new ArrayList<>();
    int start = 0;
    while (start < rows.size()) {
      DataWriter<Record> writer = open(partition);
      int row = start;
      try {
        while (row < rows.size()) {
          writer.write(rows.get(row++));
          if ((row - start) % ROWS_BETWEEN_SIZE_CHECKS == 0 && writer.length() >= targetFileBytes) {
            break;
          }
        }
      } finally {
        close(writer);
      }
      written.add(writer.toDataFile());
      start = row;
    }
    return written;
  }

  /** The locations of every file written so far, committed or not. */
  List<String> written() {
    return List.copyOf(locations);
  }

  private DataWriter<Record> open(PartitionKey partition) {
    EncryptedOutputFile file = files.newOutputFile(table.spec(), partition);
    locations.add(file.encryptingOutputFile().location());
    try {
      return Parquet.writeData(file)
          .forTable(table)
          .withPartition(table.spec().isUnpartitioned() ? null : partition)
          .withKeyMetadata(file.keyMetadata())
          .withSortOrder(table.sortOrder())
          .createWriterFunc(InternalWriter::createWriter)
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data file " + file.encryptingOutputFile().location(), e);
    }
  }

  private static void close(DataWriter<Record> writer) {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close a data file", e);
    }
  }
}
