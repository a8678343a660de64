package dev.floe.maintain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTasksTest {
  @TempDir Path dir;

  @Test
  void enabledTasksComeInTheOrderTheyBuildOnEachOther() {
    assertThat(LifecycleTasks.create(LifecycleConfig.defaults(), List.of()))
        .extracting(MaintenanceTask::name)
        .containsExactly(RetentionTask.NAME, SmallFileRewrite.NAME, SnapshotExpiryTask.NAME, OrphanFileRemoval.NAME);

    LifecycleConfig someOff =
        new LifecycleConfig(
            new RetentionConfig(false, Duration.ofHours(1), 30, Map.of(), Map.of()),
            SnapshotExpiryConfig.defaults(),
            new OrphanFilesConfig(false, Duration.ofDays(1), Duration.ofDays(3)),
            RewriteConfig.defaults());
    assertThat(LifecycleTasks.create(someOff, List.of()))
        .extracting(MaintenanceTask::name)
        .containsExactly(SmallFileRewrite.NAME, SnapshotExpiryTask.NAME);
  }

  @Test
  void aPacedTaskRunsOncePerIntervalAndTable() {
    LogsTable logs = new LogsTable(dir);
    Table table = logs.table();
    Table spans = logs.catalog.loadTable(logs.floe.identifier(Signal.SPANS));
    AtomicInteger runs = new AtomicInteger();
    MaintenanceTask counting = new MaintenanceTask() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public TaskResult run(Table t, Signal signal, Instant now) {
        runs.incrementAndGet();
        return TaskResult.unchanged("");
      }
    };
    PacedTask paced = new PacedTask(counting, Duration.ofMinutes(10));
    Instant now = Instant.parse("2026-03-10T08:00:00Z");

    assertThat(paced.run(table, Signal.LOGS, now).status()).isEqualTo(TaskResult.Status.UNCHANGED);
    Instant nineMinutesLater = now.plus(Duration.ofMinutes(9));
    assertThat(paced.run(table, Signal.LOGS, nineMinutesLater).status()).isEqualTo(TaskResult.Status.NOT_DUE);
    assertThat(paced.run(spans, Signal.SPANS, nineMinutesLater).status()).isEqualTo(TaskResult.Status.UNCHANGED);
    Instant tenMinutesLater = now.plus(Duration.ofMinutes(10));
    assertThat(paced.run(table, Signal.LOGS, tenMinutesLater).status()).isEqualTo(TaskResult.Status.UNCHANGED);
    assertThat(runs).hasValue(3);
    assertThat(paced.name()).isEqualTo("counting");
  }
}
