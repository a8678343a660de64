package dev.floe.maintain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingDataWriterTest {
  @TempDir Path dir;

  @Test
  void startsANewFileWhenTheCurrentOneReachesTheTargetSize() {
    LogsTable logs = new LogsTable(dir);
    Table table = logs.table();
    List<Record> rows = logs.rows(table, "a", Instant.parse("2026-03-10T08:00:00Z"), 3500);
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    partition.partition(new InternalRecordWrapper(table.schema().asStruct()).wrap(rows.get(0)));

    List<DataFile> files;
    try (RollingDataWriter writer = new RollingDataWriter(table, table.spec(), partition, 1)) {
      rows.forEach(row -> writer.write(new InternalRecordWrapper(table.schema().asStruct()).wrap(row)));
      files = writer.finish();
      assertThat(writer.locations()).hasSize(4);
    }

    assertThat(files).extracting(DataFile::recordCount).containsExactly(1000L, 1000L, 1000L, 500L);
    assertThat(files).allSatisfy(file -> {
      assertThat(file.partition().get(0, String.class)).isEqualTo("a");
      assertThat(file.sortOrderId()).isEqualTo(table.sortOrder().orderId());
      assertThat(TableData.path(file.location())).exists();
    });
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
    assertThat(TableData.contents(table)).isEqualTo(TableData.texts(rows));
  }
}
