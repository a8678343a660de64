package dev.floe.lang;

import dev.floe.lang.Durations;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "5m, PT5M, 5m",
    "90s, PT1M30S, 1m30s",
    "1h30m, PT1H30M, 1h30m",
    "1.5s, PT1.5S, 1s500ms",
    "250ms, PT0.25S, 250ms",
    "10us, PT0.00001S, 10us",
    "1d, PT24H, 1d",
    "1w, PT168H, 7d",
    "1y, PT8760H, 365d",
    "0s, PT0S, 0s"
  })
  void parsesAndPrintsCanonically(String text, Duration expected, String canonical) {
    assertThat(Durations.isDuration(text)).isTrue();
    assertThat(Durations.parse(text)).isEqualTo(expected);
    assertThat(Durations.format(expected)).isEqualTo(canonical);
  }
}
