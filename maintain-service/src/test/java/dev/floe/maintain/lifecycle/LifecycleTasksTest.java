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
        .extracting(scheduled -> scheduled.task().name())
        .containsExactly(RetentionTask.NAME, SmallFileRewrite.NAME, SnapshotExpiryTask.NAME, OrphanFileRemoval.NAME);

    LifecycleConfig someOff =
        new LifecycleConfig(
            new RetentionConfig(false, Duration.ofHours(1), 30, Map.of(), Map.of()),
            SnapshotExpiryConfig.defaults(),
            new OrphanFilesConfig(false, Duration.ofDays(1), Duration.ofDays(3)),
            RewriteConfig.defaults());
    assertThat(LifecycleTasks.create(someOff, List.of()))
        .extracting(scheduled -> scheduled.task().name())
        .containsExactly(SmallFileRewrite.NAME, SnapshotExpiryTask.NAME);
  }
}
