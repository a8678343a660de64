package dev.floe.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  record Listener(String host, int port) {}

  record Sample(Listener http, Duration maxDelay, boolean enabled, List<String> labels, StorageConfig storage) {
    static Sample defaults() {
      return new Sample(new Listener("0.0.0.0", 4318), Duration.ofMillis(200), true, List.of("a", "b"),
          StorageConfig.local("./data"));
    }
  }

  @TempDir Path dir;
  final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsApplyWhenNothingIsSet() {
    assertThat(loader.load(Sample.class, Sample.defaults(), null, Map.of())).isEqualTo(Sample.defaults());
  }

  @Test
  void yamlOverridesDefaultsKeyByKeyAndEnvironmentOverridesYaml() throws Exception {
    Path file = dir.resolve("floe.yaml");
    Files.writeString(file, "http:\n  port: 9000\nmaxDelay: 1s\nstorage:\n  type: s3\n  s3:\n    bucket: lake\n");
    Sample loaded =
        loader.load(Sample.class, Sample.defaults(), file,
            Map.of("FLOE_HTTP_HOST", "127.0.0.1", "FLOE_MAX_DELAY", "7d", "FLOE_LABELS", "x, y",
                "FLOE_ENABLED", "false", "FLOE_STORAGE_S3_PATH_STYLE", "true"));
    assertThat(loaded.http()).isEqualTo(new Listener("127.0.0.1", 9000));
    assertThat(loaded.maxDelay()).isEqualTo(Duration.ofDays(7));
    assertThat(loaded.enabled()).isFalse();
    assertThat(loaded.labels()).containsExactly("x", "y");
    assertThat(loaded.storage().type()).isEqualTo("s3");
    assertThat(loaded.storage().s3().bucket()).isEqualTo("lake");
    assertThat(loaded.storage().s3().pathStyle()).isTrue();
    assertThat(loaded.storage().s3().region()).isEqualTo("us-east-1");
  }

  /** A configuration holding another under a prefix, as standalone holds each service's. */
  record Suite(String dataDir, Sample ingest, Map<String, String> properties) {
    static Suite defaults() {
      return new Suite("./data", Sample.defaults(), Map.of());
    }
  }

  @Test
  void unknownYamlKeysStopTheLoadNamingTheClosestKey() throws Exception {
    Path file = dir.resolve("typos.yaml");
    Files.writeString(file, "htp:\n  port: 1\nmaxDelai: 1s\nstorage:\n  s3:\n    bucket: b\n    pathstyle: true\n");
    assertThatThrownBy(() -> loader.load(Sample.class, Sample.defaults(), file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'htp'; did you mean http?")
        .hasMessageContaining("'maxDelai'; did you mean maxDelay?")
        .hasMessageContaining("'storage.s3.pathstyle'; did you mean storage.s3.pathStyle?");

    Path flat = dir.resolve("flat.yaml");
    Files.writeString(flat, "http:\n  port: 1\nproperties:\n  anything.goes: x\n");
    assertThatThrownBy(() -> loader.load(Suite.class, Suite.defaults(), flat, Map.of()))
        .hasMessageContaining("'http'; did you mean ingest.http?")
        .hasMessageNotContaining("anything.goes");
  }

  @Test
  void unknownVariablesAreNamedWithTheClosestVariable() {
    KnownKeys known = loader.knownKeys(Suite.defaults());
    Map<String, String> unknown =
        known.unknownVariables(
            Map.of("FLOE_HTTP_PORT", "1", "FLOE_INGEST_HTTP_PORT", "2", "FLOE_DATA_DRI", "x", "FLOE_CONFIG", "f",
                "FLOE_WHATEVER_ELSE_ENTIRELY", "y", "PATH", "/bin"));
    assertThat(unknown)
        .containsExactly(
            Map.entry("FLOE_DATA_DRI", "; did you mean FLOE_DATA_DIR?"),
            Map.entry("FLOE_HTTP_PORT", "; did you mean FLOE_INGEST_HTTP_PORT?"),
            Map.entry("FLOE_WHATEVER_ELSE_ENTIRELY", ""));
    // Still only a warning: the variable is ignored and the rest loads.
    assertThat(loader.load(Suite.class, Suite.defaults(), null, Map.of("FLOE_HTTP_PORT", "1")).ingest().http().port())
        .isEqualTo(4318);
  }

  @Test
  void listsTheVariableOfEveryKeyThatLoadReads() {
    Map<String, String> variables = loader.environmentVariables(Sample.defaults());
    assertThat(variables)
        .containsEntry("FLOE_HTTP_PORT", "http.port")
        .containsEntry("FLOE_MAX_DELAY", "maxDelay")
        .containsEntry("FLOE_LABELS", "labels")
        .containsEntry("FLOE_STORAGE_S3_PATH_STYLE", "storage.s3.pathStyle")
        .doesNotContainKey("FLOE_HTTP")
        .hasSize(15);
  }

  @Test
  void mistakesAreReportedWithTheKeyOrVariable() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "htp:\n  port: 1\n");
    assertThatThrownBy(() -> loader.load(Sample.class, Sample.defaults(), file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("htp");
    assertThatThrownBy(() -> loader.load(Sample.class, Sample.defaults(), null, Map.of("FLOE_HTTP_PORT", "lots")))
        .hasMessageContaining("FLOE_HTTP_PORT");
    assertThatThrownBy(() -> loader.load(Sample.class, Sample.defaults(), null, Map.of("FLOE_MAX_DELAY", "soon")))
        .hasMessageContaining("soon");
  }

  @Test
  void durationsRoundTripThroughTheirTextForm() {
    for (String text : List.of("250ms", "30s", "5m", "2h", "7d")) {
      assertThat(DurationText.format(DurationText.parse(text))).isEqualTo(text);
    }
    assertThat(DurationText.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
  }
}
