package dev.floe.logql.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Go's {@code time.Time}: an instant in a location. Loki runs in UTC, so Go's local zone is UTC here. */
record GoTime(ZonedDateTime value) {
  static final ZoneId LOCAL = ZoneOffset.UTC;
  /** Go's zero time, {@code 0001-01-01 00:00:00 +0000 UTC}, which failed parses return. */
  static final GoTime ZERO = new GoTime(ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

  static GoTime ofEpochNanos(long nanos) {
    return new GoTime(
        Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
            .atZone(LOCAL));
  }

  static GoTime ofEpochSeconds(long seconds) {
    return new GoTime(Instant.ofEpochSecond(seconds).atZone(LOCAL));
  }

  long unixSeconds() {
    return value.toEpochSecond();
  }

  long unixNanos() {
    return value.toEpochSecond() * 1_000_000_000L + value.getNano();
  }

  /** Go's {@code Time.String}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
  @Override
  public String toString() {
    return GoLayout.format("2006-01-02 15:04:05.999999999 -0700 MST", this);
  }
}
