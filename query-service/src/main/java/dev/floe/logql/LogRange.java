package dev.floe.logql;

import dev.floe.lang.Durations;
import java.time.Duration;

/** {@code {app="x"} | json | unwrap d [5m] offset 1h}: the lines a range aggregation reads at each step. */
public record LogRange(LogSelector log, Duration range, Duration offset) {

  @Override
  public String toString() {
    String text = log + " [" + Durations.format(range) + "]";
    return offset.isZero() ? text : text + " offset " + Durations.format(offset);
  }
}
