package dev.floe.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.query.api.BadRequestException;
import org.junit.jupiter.api.Test;

/** Prometheus's forms of times and durations in API parameters, from its HTTP API documentation. */
class PromParamsTest {
  @Test
  void timesAreUnixSecondsOrRfc3339() {
    assertThat(PromParams.time("time", "1435781451.781", 0)).isEqualTo(1_435_781_451_781L);
    assertThat(PromParams.time("time", "4", 0)).isEqualTo(4_000L);
    assertThat(PromParams.time("time", "2015-07-01T20:10:51.781Z", 0)).isEqualTo(1_435_781_451_781L);
    assertThat(PromParams.time("time", null, 42)).isEqualTo(42);
  }

  @Test
  void durationsAreSecondsOrPrometheusDurations() {
    assertThat(PromParams.duration("step", "15")).isEqualTo(15_000);
    assertThat(PromParams.duration("step", "0.5")).isEqualTo(500);
    assertThat(PromParams.duration("step", "1m30s")).isEqualTo(90_000);
  }

  @Test
  void malformedValuesGetPrometheussMessages() {
    assertThatThrownBy(() -> PromParams.time("start", "soon", 0))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("invalid parameter \"start\": cannot parse \"soon\" to a valid timestamp");
    assertThatThrownBy(() -> PromParams.duration("step", "fast"))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("invalid parameter \"step\": cannot parse \"fast\" to a valid duration");
  }
}
