package dev.floe.maintain.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.config.ConfigException;
import dev.floe.config.ConfigLoader;
import dev.floe.schema.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleConfigTest {
  @TempDir Path dir;

  @Test
  void defaults() {
    LifecycleConfig config = LifecycleConfig.defaults();
    assertThat(config.retention().defaultDays()).isEqualTo(30);
    assertThat(config.snapshots().maxAge()).isEqualTo(Duration.ofDays(1));
    assertThat(config.snapshots().minKeep()).isEqualTo(10);
    assertThat(config.orphanFiles().minAge()).isEqualTo(Duration.ofDays(3));
    assertThat(config.rewrite().minInputFiles()).isEqualTo(5);
    assertThat(config.rewrite().smallFileBytes()).isEqualTo(32L << 20);
    assertThat(config.rewrite().targetFileBytes()).isEqualTo(128L << 20);
  }

  @Test
  void retentionDaysResolveFromTheMostSpecificSetting() {
    RetentionConfig config =
        new RetentionConfig(
            true, Duration.ofHours(1), 30, Map.of("metrics", 90), Map.of("acme", Map.of("default", 7, "spans", 2)));
    assertThat(config.days("acme", Signal.SPANS)).isEqualTo(2);
    assertThat(config.days("acme", Signal.METRICS)).isEqualTo(7);
    assertThat(config.days("other", Signal.METRICS)).isEqualTo(90);
    assertThat(config.days("other", Signal.LOGS)).isEqualTo(30);
  }

  @Test
  void loadsFromYamlAndEnvironmentThroughTheServiceConfigLoader() throws Exception {
    Path file = dir.resolve("lifecycle.yaml");
    Files.writeString(
        file,
        """
        retention:
          defaultDays: 14
          tenantDays:
            acme:
              logs: 3
        orphanFiles:
          minAge: 2d
        """);
    LifecycleConfig config =
        new ConfigLoader()
            .load(LifecycleConfig.class, LifecycleConfig.defaults(), file, Map.of("FLOE_REWRITE_MIN_INPUT_FILES", "8"));
    assertThat(config.retention().days("acme", Signal.LOGS)).isEqualTo(3);
    assertThat(config.retention().days("acme", Signal.SPANS)).isEqualTo(14);
    assertThat(config.orphanFiles().minAge()).isEqualTo(Duration.ofDays(2));
    assertThat(config.rewrite().minInputFiles()).isEqualTo(8);
    assertThat(config.snapshots()).isEqualTo(SnapshotExpiryConfig.defaults());
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertThatThrownBy(
            () -> new ConfigLoader()
                .load(
                    LifecycleConfig.class,
                    LifecycleConfig.defaults(),
                    null,
                    Map.of("FLOE_ORPHAN_FILES_MIN_AGE", "5m")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lifecycle.orphanFiles.minAge");
    assertThatThrownBy(
            () -> new RetentionConfig(true, Duration.ofHours(1), 30, Map.of("traces", 3), Map.of()))
        .hasMessageContaining("lifecycle.retention.signalDays")
        .hasMessageContaining("traces");
    assertThatThrownBy(() -> new RetentionConfig(true, Duration.ofHours(1), -1, Map.of(), Map.of()))
        .hasMessageContaining("lifecycle.retention.defaultDays");
  }
}
