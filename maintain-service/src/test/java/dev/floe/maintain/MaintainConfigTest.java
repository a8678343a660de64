package dev.floe.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintainConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsWorkOutOfTheBox() {
    MaintainConfig config = MaintainConfig.load(Map.of());

    assertThat(config.admin().port()).isEqualTo(8082);
    assertThat(config.catalog().type()).isEqualTo("sqlite");
    assertThat(config.compaction().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.compaction().targetFileBytes()).isEqualTo(128L << 20);
    assertThat(config.lease().duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.cleanup().gracePeriod()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aFileAndTheEnvironmentOverrideTheDefaults() throws Exception {
    Path file = dir.resolve("maintain.yaml");
    Files.writeString(
        file,
        "catalog:\n  type: rest\n  uri: http://nessie:19120/iceberg\n  properties:\n    s3.path-style-access: \"true\"\n"
            + "compaction:\n  targetFileBytes: 1000\n");

    MaintainConfig config =
        MaintainConfig.load(
            Map.of(
                "FLOE_CONFIG", file.toString(),
                "FLOE_COMPACTION_INTERVAL", "3s",
                "FLOE_LEASE_DURATION", "15s",
                "FLOE_CLEANUP_GRACE_PERIOD", "2m"));

    assertThat(config.catalog().uri()).isEqualTo("http://nessie:19120/iceberg");
    assertThat(config.catalog().properties()).containsEntry("s3.path-style-access", "true");
    assertThat(config.compaction().targetFileBytes()).isEqualTo(1000);
    assertThat(config.compaction().interval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.lease().duration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.cleanup().gracePeriod()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertThatThrownBy(() -> MaintainConfig.load(Map.of("FLOE_LEASE_DURATION", "10ms")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lease.duration");
    assertThatThrownBy(() -> MaintainConfig.load(Map.of("FLOE_COMPACTION_MAX_ROWS_PER_COMMIT", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLOE_COMPACTION_MAX_ROWS_PER_COMMIT");
  }

  @Test
  void orphanRemovalRunsOnlyWithTheEmbeddedCatalog() {
    MaintainConfig embedded = MaintainConfig.defaults();
    assertThat(MaintainService.lifecycle(embedded).orphanFiles().enabled()).isTrue();

    MaintainConfig nessie =
        MaintainConfig.load(Map.of("FLOE_CATALOG_TYPE", "rest", "FLOE_CATALOG_URI", "http://nessie:19120/iceberg/"));
    assertThat(MaintainService.lifecycle(nessie).orphanFiles().enabled()).isFalse();
    assertThat(MaintainService.lifecycle(nessie).retention()).isEqualTo(nessie.lifecycle().retention());
  }
}
