package dev.floe.maintain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotExpiryTaskTest {
  @TempDir Path dir;

  @Test
  void aCommitRaceThatOutlastsIcebergsRetriesIsAConflictAndExpiresNothing() {
    LogsTable logs = new LogsTable(dir);
    Instant now = Instant.now();
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.addAll(logs.append("a", now.minus(Duration.ofHours(i)), 5));
    }
    Table table = logs.table();
    SnapshotExpiryTask task =
        new SnapshotExpiryTask(new SnapshotExpiryConfig(true, Duration.ofHours(1), Duration.ofDays(1), 1));

    TaskResult result = task.run(TableData.alwaysLosingTheCommitRace(table), Signal.LOGS, now.plus(Duration.ofDays(2)));

    assertThat(result.status()).isEqualTo(TaskResult.Status.CONFLICT);
    assertThat(result.detail()).contains("another writer committed first");
    table.refresh();
    assertThat(table.snapshots()).hasSize(4);
    assertThat(TableData.contents(table)).isEqualTo(TableData.texts(rows));
    for (DataFile file : TableData.dataFiles(table)) {
      assertThat(TableData.path(file.location())).exists();
    }
  }

  @Test
  void keepsTheNewestSnapshotsAndAllData() {
    LogsTable logs = new LogsTable(dir);
    Instant now = Instant.now();
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      rows.addAll(logs.append("a", now.minus(Duration.ofHours(i)), 5));
    }
    Table table = logs.table();
    assertThat(table.snapshots()).hasSize(14);

    SnapshotExpiryTask task =
        new SnapshotExpiryTask(new SnapshotExpiryConfig(true, Duration.ofHours(1), Duration.ofDays(1), 10));
    assertThat(task.run(table, Signal.LOGS, now).status())
        .as("every snapshot is younger than a day")
        .isEqualTo(TaskResult.Status.UNCHANGED);

    TaskResult result = task.run(table, Signal.LOGS, now.plus(Duration.ofDays(2)));
    assertThat(result.status()).isEqualTo(TaskResult.Status.CHANGED);
    assertThat(result.count(SnapshotExpiryTask.EXPIRED_SNAPSHOTS)).isEqualTo(4);
    table.refresh();
    assertThat(table.snapshots()).hasSize(10);
    assertThat(TableData.contents(table)).isEqualTo(TableData.texts(rows));
    for (DataFile file : TableData.dataFiles(table)) {
      assertThat(TableData.path(file.location())).exists();
    }
    assertThat(task.run(table, Signal.LOGS, now.plus(Duration.ofDays(2))).status())
        .isEqualTo(TaskResult.Status.UNCHANGED);
  }

  @Test
  void deletesTheFilesThatOnlyExpiredSnapshotsReferenced() {
    LogsTable logs = new LogsTable(dir);
    Instant now = Instant.now();
    logs.append("a", now.minus(Duration.ofDays(40)), 5);
    Table table = logs.table();
    DataFile old = TableData.dataFiles(table).get(0);
    new RetentionTask(RetentionConfig.defaults()).run(table, Signal.LOGS, now);
    List<Record> recent = logs.append("a", now, 5);
    assertThat(TableData.path(old.location())).as("still in the snapshots before the delete").exists();

    TaskResult result =
        new SnapshotExpiryTask(new SnapshotExpiryConfig(true, Duration.ofHours(1), Duration.ofDays(1), 1))
            .run(table, Signal.LOGS, now.plus(Duration.ofDays(2)));

    assertThat(result.count(SnapshotExpiryTask.EXPIRED_SNAPSHOTS)).isEqualTo(2);
    assertThat(TableData.path(old.location())).doesNotExist();
    table.refresh();
    assertThat(table.snapshots()).hasSize(1);
    assertThat(TableData.contents(table)).isEqualTo(TableData.texts(recent));
  }
}
