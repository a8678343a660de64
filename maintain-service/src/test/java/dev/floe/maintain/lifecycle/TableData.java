package dev.floe.maintain.lifecycle;

import dev.floe.maintain.FaultyOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Writes and reads rows of a Floe logs table with Iceberg's generic data classes, through the
 * table's own file IO (local files or S3), for tests in any catalog.
 */
public final class TableData {
  private static final AtomicLong TASK_IDS = new AtomicLong();

  private TableData() {}

  /** Log rows of one tenant within the second of {@code at}, spread over a few streams. */
  public static List<Record> logRows(Table table, String tenant, Instant at, int count, Random random) {
    List<Record> rows = new ArrayList<>();
    // Rows spread over the second that holds `at`, so that they share its day partition.
    Instant start = at.truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < count; i++) {
      Record row = GenericRecord.create(table.schema());
      long stream = random.nextInt(5);
      row.setField("tenant_id", tenant);
      row.setField("timestamp", OffsetDateTime.ofInstant(start.plusMillis(random.nextInt(1000)), ZoneOffset.UTC));
      row.setField("timestamp_nanos", random.nextInt(1000));
      row.setField("service_name", "svc-" + stream);
      row.setField("stream_labels", "{service_name=\"svc-" + stream + "\"}");
      row.setField("stream_fingerprint", stream * 1_000_003L);
      row.setField("severity_number", 9);
      row.setField("body", tenant + " line " + random.nextLong());
      row.setField("attributes", Map.of("k", "v" + i));
      rows.add(row);
    }
    return rows;
  }

  /** Writes {@code rows} (all of one partition) as one Parquet data file, without committing it. */
  public static DataFile write(Table table, List<Record> rows) {
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));
    OutputFileFactory files =
        OutputFileFactory.builderFor(table, 1, TASK_IDS.incrementAndGet()).format(FileFormat.PARQUET).build();
    DataWriter<Record> writer;
    try {
      writer =
          Parquet.writeData(files.newOutputFile(partition))
              .forTable(table)
              .withPartition(partition)
              .createWriterFunc(GenericParquetWriter::create)
              .overwrite()
              .build();
      try (writer) {
        rows.forEach(writer::write);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toDataFile();
  }

  /** Every row of the table's current snapshot, as a multiset of texts (see {@link #texts}). */
  public static Map<String, Integer> contents(Table table) {
    table.refresh();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts(rows);
  }

  /** Rows as a multiset of their texts: equal multisets mean equal rows, in any order. */
  public static Map<String, Integer> texts(List<Record> rows) {
    Map<String, Integer> counts = new HashMap<>();
    rows.forEach(row -> counts.merge(row.toString(), 1, Integer::sum));
    return counts;
  }

  /** The data files of the table's current snapshot. */
  public static List<DataFile> dataFiles(Table table) {
    table.refresh();
    List<DataFile> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> files.add(task.file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The local file at {@code location}, a {@code file:} URI or a plain path. */
  public static Path path(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }
  /** The table, with every catalog commit refused as lost to another writer; Iceberg retries once. */
  static Table alwaysLosingTheCommitRace(Table table) {
    table.updateProperties().set(TableProperties.COMMIT_NUM_RETRIES, "1").commit();
    return FaultyOperations.wrap(table, new FaultyOperations.Fault() {
      @Override
      public void beforeCommit(TableMetadata base) {
        throw new CommitFailedException("another writer committed first");
      }
    });
  }
}
