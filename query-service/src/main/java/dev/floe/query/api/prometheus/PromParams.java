package dev.floe.query.api.prometheus;

import dev.floe.lang.Durations;
import dev.floe.query.api.BadRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Prometheus's forms of times and durations in API parameters, with its error messages. */
final class PromParams {
  private PromParams() {}

  /** A time in milliseconds: Unix seconds with an optional fraction, or RFC 3339. */
  static long time(String name, String value, long defaultMillis) {
    if (value == null) {
      return defaultMillis;
    }
    try {
      return new BigDecimal(value).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      // not a number: try RFC 3339
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          "invalid parameter \"" + name + "\": cannot parse \"" + value + "\" to a valid timestamp");
    }
  }

  /** A duration in milliseconds: seconds with an optional fraction, or a Prometheus duration. */
  static long duration(String name, String value) {
    try {
      BigDecimal seconds = new BigDecimal(value);
      if (seconds.signum() >= 0) {
        return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      long millis = Durations.parseMillis(value);
      if (millis >= 0) {
        return millis;
      }
    }
    throw new BadRequestException(
        "invalid parameter \"" + name + "\": cannot parse \"" + value + "\" to a valid duration");
  }

  static String required(String name, String value) {
    if (value == null) {
      throw new BadRequestException("invalid parameter \"" + name + "\": missing");
    }
    return value;
  }
}
