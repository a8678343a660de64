package dev.floe.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Numbers as Prometheus's JSON writes them: Go's shortest 'f' format, seconds with milliseconds. */
class JsonNumbersTest {
  @Test
  void sampleValuesAreShortestDecimalsWithoutExponents() {
    assertThat(JsonNumbers.sampleValue(2)).isEqualTo("2");
    assertThat(JsonNumbers.sampleValue(0.1)).isEqualTo("0.1");
    assertThat(JsonNumbers.sampleValue(1e-7)).isEqualTo("0.0000001");
    assertThat(JsonNumbers.sampleValue(1e21)).isEqualTo("1000000000000000000000");
    assertThat(JsonNumbers.sampleValue(-2.5)).isEqualTo("-2.5");
    assertThat(JsonNumbers.sampleValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(JsonNumbers.sampleValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(JsonNumbers.sampleValue(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void timestampsAreSecondsWithUpToThreeDecimals() {
    assertThat(JsonNumbers.timestampSeconds(1_435_781_451_781L)).isEqualTo("1435781451.781");
    assertThat(JsonNumbers.timestampSeconds(4_000)).isEqualTo("4");
    assertThat(JsonNumbers.timestampSeconds(1_500)).isEqualTo("1.5");
    assertThat(JsonNumbers.timestampSeconds(10_000)).isEqualTo("10");
    assertThat(JsonNumbers.timestampSeconds(-1_500)).isEqualTo("-1.5");
  }
}
