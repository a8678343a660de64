package dev.floe.maintain.compaction;

import dev.floe.maintain.TestTables;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.maintain.TestWal;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.WalReader;
import dev.floe.wal.WalRows;
import dev.floe.wal.Watermarks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactorTest {
  @TempDir Path dir;

  private LocalObjectStore store() {
    return new LocalObjectStore(dir.resolve("store"));
  }

  private static CompactionConfig config(long targetFileBytes, long maxSegmentBytes, long maxRows) {
    return new CompactionConfig(Duration.ofSeconds(1), targetFileBytes, maxSegmentBytes, maxRows);
  }

  static Compactor compactor(Table table, LocalObjectStore store, CompactionConfig config) {
    return new Compactor(
        Signal.LOGS, table, store, 2, config, new CompactionMetrics(new SimpleMeterRegistry(), Signal.LOGS), Clock.systemUTC());
  }

  private static List<String> expected(String prefix, int count) {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bodies.add(prefix + "-" + i);
    }
    return bodies;
  }

  @Test
  void compactsEveryShardIntoSortedFilesOnePartitionEach() throws IOException {
    LocalObjectStore store = store();
    TestWal wal = new TestWal(store, 3);
    List<String> bodies = new ArrayList<>();
    List<SegmentKey> keys = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      keys.add(wal.append("s" + s, 50));
      bodies.addAll(expected("s" + s, 50));
    }
    Table table = TestTables.load(dir, Signal.LOGS);

    CompactionResult result = compactor(table, store, CompactionConfig.defaults()).compact(() -> true);

    assertThat(result.caughtUp()).isTrue();
    assertThat(result.commits()).isEqualTo(1);
    assertThat(result.rows()).isEqualTo(300);
    assertThat(TestTables.bodies(table)).containsExactlyInAnyOrderElementsOf(bodies);
    Watermarks watermarks = Watermarks.of(table.properties());
    for (SegmentKey key : keys) {
      assertThat(watermarks.get(key.shard())).isGreaterThanOrEqualTo(key.offset());
      assertThat(new WalReader(store).segmentsAbove(Signal.LOGS, key.shard(), watermarks.get(key.shard()))).isEmpty();
    }

    // Two tenants times two days: four partitions, one file each, rows in table order inside.
    List<DataFile> files = dataFiles(table);
    assertThat(files).hasSize(4);
    assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(300);
    for (DataFile file : files) {
      List<Record> rows = readFile(table, file);
      for (Record row : rows) {
        assertThat(row.getField("tenant_id")).isEqualTo(file.partition().get(0, String.class));
      }
      List<Long> keysInFile = rows.stream().map(row -> (Long) row.getField("stream_fingerprint")).toList();
      List<Long> sorted = new ArrayList<>(keysInFile);
      Collections.sort(sorted);
      assertThat(keysInFile).isEqualTo(sorted);
      assertThat(file.sortOrderId()).isEqualTo(table.sortOrder().orderId());
      assertThat(codecs(table, file)).containsOnly(CompressionCodecName.ZSTD);
    }
    assertThat(table.currentSnapshot().summary()).containsKey(WatermarkCommit.SUMMARY_KEY);
  }

  @Test
  void takesOnlyContiguousOffsetsAndWaitsForAMissingOne() {
    LocalObjectStore store = store();
    TestWal wal = new TestWal(store, 1);
    wal.put(new SegmentKey(Signal.LOGS, 0, 1), TestWal.rows("one", 3));
    wal.put(new SegmentKey(Signal.LOGS, 0, 2), TestWal.rows("two", 3));
    wal.put(new SegmentKey(Signal.LOGS, 0, 4), TestWal.rows("four", 3));
    Table table = TestTables.load(dir, Signal.LOGS);
    Compactor compactor = compactor(table, store, CompactionConfig.defaults());

    compactor.compact(() -> true);
    assertThat(Watermarks.of(table.properties()).get(0)).isEqualTo(2);
    assertThat(TestTables.bodies(table)).containsExactlyInAnyOrderElementsOf(concat(expected("one", 3), expected("two", 3)));

    wal.put(new SegmentKey(Signal.LOGS, 0, 3), TestWal.rows("three", 3));
    compactor.compact(() -> true);
    assertThat(Watermarks.of(table.properties()).get(0)).isEqualTo(4);
    assertThat(TestTables.bodies(table))
        .containsExactlyInAnyOrderElementsOf(
            concat(expected("one", 3), expected("two", 3), expected("three", 3), expected("four", 3)));
  }

  @Test
  void aSegmentWithoutRowsStillMovesTheWatermarkInANewSnapshot() {
    LocalObjectStore store = store();
    new TestWal(store, 1).put(new SegmentKey(Signal.LOGS, 0, 1), List.of());
    Table table = TestTables.load(dir, Signal.LOGS);

    CompactionResult result = compactor(table, store, CompactionConfig.defaults()).compact(() -> true);

    assertThat(result.commits()).isEqualTo(1);
    assertThat(result.files()).isZero();
    assertThat(Watermarks.of(table.properties()).get(0)).isEqualTo(1);
    // The commit moved the branch although it added no file, which REST catalogs condition commits on.
    assertThat(table.currentSnapshot()).isNotNull();
    assertThat(table.currentSnapshot().summary()).containsEntry(WatermarkCommit.SUMMARY_KEY, "0:1-1");
  }

  @Test
  void aLargeBacklogTakesSeveralBoundedCommits() {
    LocalObjectStore store = store();
    TestWal wal = new TestWal(store, 2);
    List<String> bodies = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      wal.append("s" + s, 40);
      bodies.addAll(expected("s" + s, 40));
    }
    Table table = TestTables.load(dir, Signal.LOGS);

    CompactionResult byRows = compactor(table, store, config(128L << 20, 256L << 20, 100)).compact(() -> true);
    // 100 rows per commit: three segments of 40 rows reach it, so 10 segments take 4 commits.
    assertThat(byRows.commits()).isEqualTo(4);
    assertThat(TestTables.bodies(table)).containsExactlyInAnyOrderElementsOf(bodies);

    for (int s = 10; s < 15; s++) {
      wal.append("s" + s, 40);
      bodies.addAll(expected("s" + s, 40));
    }
    CompactionResult byBytes = compactor(table, store, config(128L << 20, 1, 1_000_000)).compact(() -> true);
    assertThat(byBytes.commits()).isEqualTo(5);
    assertThat(TestTables.bodies(table)).containsExactlyInAnyOrderElementsOf(bodies).hasSize(15 * 40);
  }

  @Test
  void rollsToANewFileAtTheTargetSize() {
    LocalObjectStore store = store();
    TestWal wal = new TestWal(store, 1);
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 3500; i++) {
      rows.add(WalRows.log("tenant-a", i % 5, TestWal.DAY_ONE_MICROS + i, "row-" + i));
    }
    wal.append(rows);
    Table table = TestTables.load(dir, Signal.LOGS);

    compactor(table, store, config(1, 256L << 20, 1_000_000)).compact(() -> true);

    // The size is checked every 1000 rows, so a one-byte target cuts files of 1000 rows.
    assertThat(dataFiles(table)).extracting(DataFile::recordCount).containsExactlyInAnyOrder(1000L, 1000L, 1000L, 500L);
    assertThat(TestTables.bodies(table)).containsExactlyInAnyOrderElementsOf(expected("row", 3500));
  }

  @Test
  void mapsColumnsByNameIntoATableWithAnotherLayout() {
    // Another tool created the table: columns in reverse order, its own field ids, one extra column.
    Catalog catalog = TestTables.catalog(dir);
    ((SupportsNamespaces) catalog).createNamespace(Namespace.of("floe"));
    List<Types.NestedField> columns = new ArrayList<>();
    columns.add(Types.NestedField.optional(1, "note", Types.StringType.get()));
    int nextId = 2; // provisional: nested fields collide until fresh ids are assigned below
    List<Types.NestedField> floe = new ArrayList<>(Signal.LOGS.table().schema().columns());
    Collections.reverse(floe);
    for (Types.NestedField field : floe) {
      int id = nextId++;
      columns.add(
          field.isOptional()
              ? Types.NestedField.optional(id, field.name(), field.type())
              : Types.NestedField.required(id, field.name(), field.type()));
    }
    AtomicInteger ids = new AtomicInteger(100);
    Schema foreign =
        new Schema(
            TypeUtil.assignFreshIds(Types.StructType.of(columns), ids::incrementAndGet)
                .asStructType()
                .fields());
    catalog.buildTable(TableIdentifier.of("floe", "logs"), foreign)
        .withPartitionSpec(PartitionSpec.builderFor(foreign).identity("tenant_id").day("timestamp").build())
        .create();
    LocalObjectStore store = store();
    new TestWal(store, 1).append("mapped", 20);
    Table table = TestTables.load(dir, Signal.LOGS);
    assertThat(table.schema().findField("body").fieldId()).isNotEqualTo(Signal.LOGS.table().schema().findField("body").fieldId());

    compactor(table, store, CompactionConfig.defaults()).compact(() -> true);

    List<Record> rows = TestTables.rows(table);
    assertThat(rows).extracting(row -> row.getField("body")).containsExactlyInAnyOrderElementsOf(expected("mapped", 20));
    for (Record row : rows) {
      assertThat(row.getField("note")).isNull();
      assertThat(row.getField("service_name")).isEqualTo("svc");
      assertThat(row.getField("attributes")).isEqualTo(Map.of("k", "v"));
      assertThat((byte[]) row.getField("trace_id")).isEqualTo("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  static List<DataFile> dataFiles(Table table) {
    table.refresh();
    List<DataFile> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> files.add(task.file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static List<Record> readFile(Table table, DataFile file) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records =
        Parquet.read(table.io().newInputFile(file.location()))
            .project(table.schema())
            .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(table.schema(), fileSchema))
            .build()) {
      records.forEach(rows::add);
    }
    return rows;
  }

  private static Path localPath(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  static List<CompressionCodecName> codecs(Table table, DataFile file) throws IOException {
    List<CompressionCodecName> codecs = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(localPath(file.location())))) {
      reader.getFooter().getBlocks().forEach(block -> block.getColumns().stream().map(ColumnChunkMetaData::getCodec).forEach(codecs::add));
    }
    return codecs;
  }
}
