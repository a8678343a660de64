package dev.floe.maintain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTaskTest {
  private static final Instant NOW = Instant.parse("2026-03-15T10:00:00Z");

  @TempDir Path dir;

  @Test
  void deletesOnlyTheExpiredDaysOfEachTenantWithPerTenantOverrides() {
    LogsTable logs = new LogsTable(dir);
    List<Record> kept = new ArrayList<>();
    List<Record> deleted = new ArrayList<>();
    // Tenant a: the default 30 days. The cutoff is 2026-02-13T00:00Z.
    deleted.addAll(logs.append("a", Instant.parse("2026-02-01T12:00:00Z"), 20));
    deleted.addAll(logs.append("a", Instant.parse("2026-02-12T23:59:58Z"), 10));
    kept.addAll(logs.append("a", Instant.parse("2026-02-13T00:00:00Z"), 10));
    kept.addAll(logs.append("a", Instant.parse("2026-03-15T09:00:00Z"), 10));
    // Tenant b keeps everything for 60 days.
    kept.addAll(logs.append("b", Instant.parse("2026-02-01T12:00:00Z"), 15));
    kept.addAll(logs.append("b", Instant.parse("2026-03-14T12:00:00Z"), 5));
    // Tenant c keeps its logs 3 days (cutoff 2026-03-12T00:00Z).
    deleted.addAll(logs.append("c", Instant.parse("2026-03-11T23:00:00Z"), 7));
    kept.addAll(logs.append("c", Instant.parse("2026-03-12T01:00:00Z"), 3));
    // Tenant d keeps logs forever.
    kept.addAll(logs.append("d", Instant.parse("2020-01-01T00:00:00Z"), 4));

    RetentionConfig config =
        new RetentionConfig(
            true,
            Duration.ofHours(1),
            30,
            Map.of("spans", 7),
            Map.of("b", Map.of("default", 60), "c", Map.of("logs", 3, "spans", 1), "d", Map.of("logs", 0)));
    Table table = logs.table();
    TaskResult result = new RetentionTask(config).run(table, Signal.LOGS, NOW);

    assertThat(result.status()).isEqualTo(TaskResult.Status.CHANGED);
    assertThat(result.count(RetentionTask.DELETED_RECORDS)).isEqualTo(deleted.size());
    assertThat(result.count(RetentionTask.DELETED_FILES)).isEqualTo(3);
    assertThat(result.count(RetentionTask.TENANTS)).isEqualTo(2);
    assertThat(TableData.contents(table)).isEqualTo(TableData.texts(kept));

    long snapshot = table.currentSnapshot().snapshotId();
    TaskResult again = new RetentionTask(config).run(table, Signal.LOGS, NOW);
    assertThat(again.status()).isEqualTo(TaskResult.Status.UNCHANGED);
    assertThat(table.currentSnapshot().snapshotId()).as("no empty commit").isEqualTo(snapshot);
  }

  @Test
  void aCommitRaceThatOutlastsIcebergsRetriesIsAConflictAndDeletesNothing() {
    LogsTable logs = new LogsTable(dir);
    List<Record> rows = logs.append("a", Instant.parse("2026-02-01T12:00:00Z"), 5);
    Table table = logs.table();

    TaskResult result =
        new RetentionTask(RetentionConfig.defaults()).run(TableData.alwaysLosingTheCommitRace(table), Signal.LOGS, NOW);

    assertThat(result.status()).isEqualTo(TaskResult.Status.CONFLICT);
    assertThat(result.detail()).contains("another writer committed first");
    table.refresh();
    assertThat(TableData.contents(table)).isEqualTo(TableData.texts(rows));
  }

  @Test
  void anEmptyTableIsLeftAlone() {
    Table table = new LogsTable(dir).table();
    TaskResult result = new RetentionTask(RetentionConfig.defaults()).run(table, Signal.LOGS, NOW);
    assertThat(result.status()).isEqualTo(TaskResult.Status.UNCHANGED);
    assertThat(table.currentSnapshot()).isNull();
  }

  @Test
  void theCutoffIsAUtcMidnightAndNeverCutsIntoTheRetainedDays() {
    assertThat(RetentionTask.cutoff(NOW, 30)).isEqualTo(Instant.parse("2026-02-13T00:00:00Z"));
    assertThat(RetentionTask.cutoff(Instant.parse("2026-03-15T00:00:00Z"), 1))
        .isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
    assertThat(RetentionTask.cutoff(NOW, 30)).isBefore(NOW.minus(Duration.ofDays(30)));
  }
}
