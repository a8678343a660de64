package dev.floe.maintain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFileRewriteTest {
  private static final Instant DAY = Instant.parse("2026-03-10T08:00:00Z");

  @TempDir Path dir;

  @Test
  void mergesAPartitionsSmallFilesIntoSortedFilesAndLeavesOtherPartitionsAlone() {
    LogsTable logs = new LogsTable(dir);
    for (int i = 0; i < 6; i++) {
      logs.append("a", DAY.plus(Duration.ofMinutes(i)), 700);
    }
    for (int i = 0; i < 3; i++) {
      logs.append("b", DAY, 50);
    }
    Table table = logs.table();
    var before = TableData.contents(table);
    Set<String> tenantBFiles = locations(table, "b");

    RewriteConfig config = new RewriteConfig(true, Duration.ofMinutes(10), 1L << 20, 5, 1L << 27, 1L << 30, 8);
    TaskResult result = new SmallFileRewrite(config).run(table, Signal.LOGS, DAY);

    assertThat(result.status()).isEqualTo(TaskResult.Status.CHANGED);
    assertThat(result.count(SmallFileRewrite.REWRITTEN_FILES)).isEqualTo(6);
    assertThat(result.count(SmallFileRewrite.REWRITTEN_RECORDS)).isEqualTo(4200);
    assertThat(result.count(SmallFileRewrite.PARTITIONS)).isEqualTo(1);
    assertThat(TableData.contents(table)).isEqualTo(before);
    assertThat(locations(table, "b")).as("below minInputFiles").isEqualTo(tenantBFiles);

    List<DataFile> rewritten = files(table, "a");
    assertThat(rewritten).hasSize(1);
    assertThat(result.count(SmallFileRewrite.ADDED_FILES)).isEqualTo(1);
    assertThat(rewritten.get(0).sortOrderId()).isEqualTo(table.sortOrder().orderId());
    assertThat(read(table, rewritten.get(0))).isSortedAccordingTo(
        Comparator.comparing((Record row) -> (Long) row.getField("stream_fingerprint"))
            .thenComparing(row -> (OffsetDateTime) row.getField("timestamp"))
            .thenComparing(row -> (Integer) row.getField("timestamp_nanos")));

    assertThat(new SmallFileRewrite(config).run(table, Signal.LOGS, DAY).status())
        .as("one file is below minInputFiles")
        .isEqualTo(TaskResult.Status.UNCHANGED);
  }

  @Test
  void aConcurrentDeleteOfAnInputFileFailsTheRewriteAndRemovesItsNewFiles() {
    LogsTable logs = new LogsTable(dir);
    for (int i = 0; i < 5; i++) {
      logs.append("a", DAY, 20);
    }
    // The rewrite plans on this handle; meanwhile another writer deletes one of its input files.
    Table stale = logs.table();
    Catalog catalog = logs.catalog;
    Table other = catalog.loadTable(logs.floe.identifier(Signal.LOGS));
    DataFile victim = TableData.dataFiles(other).get(0);
    other.newDelete().deleteFile(victim).commit();
    var after = TableData.contents(other);
    Set<Path> filesBefore = filesUnder(TableData.path(other.location() + "/data"));

    TaskResult result =
        new SmallFileRewrite(new RewriteConfig(true, Duration.ofMinutes(10), 1L << 20, 5, 1L << 27, 1L << 30, 8))
            .run(stale, Signal.LOGS, DAY);

    assertThat(result.status()).isEqualTo(TaskResult.Status.CONFLICT);
    assertThat(TableData.contents(other)).isEqualTo(after);
    assertThat(filesUnder(TableData.path(other.location() + "/data"))).as("new files deleted").isEqualTo(filesBefore);
  }

  private static List<DataFile> files(Table table, String tenant) {
    return TableData.dataFiles(table).stream()
        .filter(file -> tenant.equals(file.partition().get(0, String.class)))
        .toList();
  }

  private static Set<String> locations(Table table, String tenant) {
    return files(table, tenant).stream().map(DataFile::location).collect(Collectors.toSet());
  }

  private static List<Record> read(Table table, DataFile file) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> reader =
        Parquet.read(table.io().newInputFile(file.location()))
            .project(table.schema())
            .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(table.schema(), fileSchema))
            .build()) {
      reader.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static Set<Path> filesUnder(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
