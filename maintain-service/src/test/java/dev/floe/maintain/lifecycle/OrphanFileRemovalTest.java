package dev.floe.maintain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanFileRemovalTest {
  @TempDir Path dir;

  @Test
  void deletesOldUnreferencedFilesAndNeverAReferencedOne() throws IOException {
    LogsTable logs = new LogsTable(dir);
    Instant now = Instant.now();
    for (int i = 0; i < 4; i++) {
      logs.append("a", now.minus(Duration.ofDays(10L * i)), 5);
      logs.append("b", now.minus(Duration.ofDays(10L * i)), 5);
    }
    Table table = logs.table();
    new RetentionTask(RetentionConfig.defaults()).run(table, Signal.LOGS, now);
    new SnapshotExpiryTask(new SnapshotExpiryConfig(true, Duration.ofHours(1), Duration.ofDays(1), 3))
        .run(table, Signal.LOGS, now.plus(Duration.ofDays(2)));
    Map<String, Integer> before = TableData.contents(table);

    Path tableDir = TableData.path(table.location());
    Path oldStray = stray(tableDir.resolve("data/tenant_id=a/crashed-writer.parquet"), now.minus(Duration.ofDays(4)));
    Path oldMetadataStray = stray(tableDir.resolve("metadata/failed-commit.avro"), now.minus(Duration.ofDays(4)));
    Path youngStray = stray(tableDir.resolve("data/tenant_id=b/in-flight.parquet"), now.minus(Duration.ofHours(1)));
    OrphanFileRemoval task = new OrphanFileRemoval(OrphanFilesConfig.defaults(), protectedLocations());

    TaskResult result = task.run(table, Signal.LOGS, now);

    assertThat(result.status()).isEqualTo(TaskResult.Status.CHANGED);
    assertThat(result.count(OrphanFileRemoval.DELETED_FILES)).isEqualTo(2);
    assertThat(oldStray).doesNotExist();
    assertThat(oldMetadataStray).doesNotExist();
    assertThat(youngStray).as("younger than the minimum age").exists();
    assertEveryReferencedFileExists(table);
    assertThat(TableData.contents(table)).isEqualTo(before);

    // Ten days later every file is old enough: only unreferenced ones may go.
    TaskResult later = task.run(table, Signal.LOGS, now.plus(Duration.ofDays(10)));
    assertThat(later.status()).isEqualTo(TaskResult.Status.CHANGED);
    assertThat(youngStray).doesNotExist();
    assertEveryReferencedFileExists(table);
    Set<String> referencedFilesThatExist =
        ReferencedFiles.of(table).stream().filter(key -> Files.exists(TableData.path(key))).collect(Collectors.toSet());
    assertThat(keys(filesUnder(tableDir))).as("only referenced files are left").isEqualTo(referencedFilesThatExist);
    assertThat(TableData.contents(table)).isEqualTo(before);
    assertThat(task.run(table, Signal.LOGS, now.plus(Duration.ofDays(10))).status())
        .isEqualTo(TaskResult.Status.UNCHANGED);
  }

  @Test
  void refusesToListATableLocationThatContainsTheWal() throws IOException {
    LogsTable logs = new LogsTable(dir);
    logs.append("a", Instant.now(), 5);
    Table table = logs.table();
    Path tableDir = TableData.path(table.location());
    Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
    Path segment = stray(tableDir.resolve("wal/logs/0/00000000000000000001.parquet"), monthAgo);

    TaskResult result =
        new OrphanFileRemoval(OrphanFilesConfig.defaults(), List.of(tableDir.resolve("wal").toUri().toString()))
            .run(table, Signal.LOGS, Instant.now());

    assertThat(result.status()).isEqualTo(TaskResult.Status.REFUSED);
    assertThat(result.detail()).contains("protected location");
    assertThat(segment).exists();
    assertThat(
            new OrphanFileRemoval(OrphanFilesConfig.defaults(), List.of(table.location()))
                .run(table, Signal.LOGS, Instant.now())
                .status())
        .as("the table location itself as the store root")
        .isEqualTo(TaskResult.Status.REFUSED);
  }

  private List<String> protectedLocations() {
    return List.of(dir.toUri().toString(), dir.resolve("wal").toUri().toString());
  }

  private static Path stray(Path path, Instant modified) throws IOException {
    Files.createDirectories(path.getParent());
    Files.write(path, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(path, FileTime.from(modified));
    return path;
  }

  private static void assertEveryReferencedFileExists(Table table) {
    table.refresh();
    Set<String> referenced = ReferencedFiles.of(table);
    assertThat(referenced).isNotEmpty();
    for (String key : referenced) {
      if (!key.endsWith("version-hint.text")) {
        assertThat(TableData.path(key)).exists();
      }
    }
  }

  private static List<Path> filesUnder(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> keys(List<Path> files) {
    Set<String> keys = new HashSet<>();
    files.forEach(file -> keys.add(Locations.key(file.toUri().toString())));
    return keys;
  }
}
