package dev.floe.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Timestamps as Prometheus's JSON writes them: seconds with milliseconds. */
class JsonNumbersTest {
  @Test
  void timestampsAreSecondsWithUpToThreeDecimals() {
    assertThat(JsonNumbers.timestampSeconds(1_435_781_451_781L)).isEqualTo("1435781451.781");
    assertThat(JsonNumbers.timestampSeconds(4_000)).isEqualTo("4");
    assertThat(JsonNumbers.timestampSeconds(1_500)).isEqualTo("1.5");
    assertThat(JsonNumbers.timestampSeconds(10_000)).isEqualTo("10");
    assertThat(JsonNumbers.timestampSeconds(-1_500)).isEqualTo("-1.5");
  }
}
