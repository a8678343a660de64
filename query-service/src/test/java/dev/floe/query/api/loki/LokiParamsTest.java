package dev.floe.query.api.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import dev.floe.query.api.BadRequestException;
import dev.floe.query.api.RequestParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Loki's forms of times, steps and limits, as its HTTP API documentation describes them. */
class LokiParamsTest {
  private static final long NOW = 1_700_000_000_000_000_000L;

  private static LokiParams params(String query) {
    return new LokiParams(RequestParams.of(RequestHeaders.of(HttpMethod.GET, "/x?" + query)), NOW);
  }

  @ParameterizedTest
  @CsvSource({
    "1700000000, 1700000000000000000",
    "1700000000.5, 1700000000500000000",
    "1700000000123456789, 1700000000123456789",
    "2023-11-14T22:13:20Z, 1700000000000000000",
    "2023-11-14T22:13:20.25+01:00, 1699996400250000000",
  })
  void timesAreNanosecondsSecondsOrRfc3339(String text, long nanos) {
    assertThat(params("end=" + text.replace("+", "%2B")).end()).isEqualTo(nanos);
  }

  @Test
  void startDefaultsToAnHourBeforeEndOrSinceBeforeIt() {
    assertThat(params("").start(NOW)).isEqualTo(NOW - 3_600_000_000_000L);
    assertThat(params("since=15m").start(NOW)).isEqualTo(NOW - 900_000_000_000L);
    assertThat(params("end=100").end()).isEqualTo(100_000_000_000L);
  }

  @Test
  void stepIsADurationOrSecondsAndDefaultsToAbout250Points() {
    assertThat(params("step=30s").step(0, NOW)).isEqualTo(30_000_000_000L);
    assertThat(params("step=15").step(0, NOW)).isEqualTo(15_000_000_000L);
    assertThat(params("step=0.5").step(0, NOW)).isEqualTo(500_000_000L);
    long hour = 3_600_000_000_000L;
    assertThat(params("").step(NOW - hour, NOW)).as("3600 s / 250, rounded down").isEqualTo(14_000_000_000L);
    assertThat(params("").step(NOW - 1_000_000_000L, NOW)).as("at least a second").isEqualTo(1_000_000_000L);
  }

  @Test
  void limitAndDirectionHaveLokisDefaults() {
    assertThat(params("").limit()).isEqualTo(100);
    assertThat(params("").forward()).isFalse();
    assertThat(params("direction=FORWARD").forward()).isTrue();
    assertThat(params("limit=5").limit()).isEqualTo(5);
  }

  @Test
  void malformedValuesAreRefusedNamingTheParameter() {
    assertThatThrownBy(() -> params("end=yesterday").end())
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("\"end\"");
    assertThatThrownBy(() -> params("step=-5s").step(0, NOW)).isInstanceOf(BadRequestException.class).hasMessageContaining("step");
    assertThatThrownBy(() -> params("limit=0").limit()).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> params("direction=sideways").forward()).isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> params("").query()).isInstanceOf(BadRequestException.class);
  }
}
