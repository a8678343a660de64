package dev.floe.query.api.tempo;

import dev.floe.lang.Durations;
import dev.floe.query.api.BadRequestException;
import dev.floe.query.api.RequestParams;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Tempo's forms of the parameters of its search and metrics endpoints, with errors naming the parameter. */
final class TempoParams {
  private TempoParams() {}

  /** A positive integer parameter, or {@code defaultValue} when absent. */
  static int positiveInt(RequestParams params, String name, int defaultValue, boolean allowZero) {
    String value = params.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 0 || (parsed == 0 && !allowZero)) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid " + name + ": must be a " + (allowZero ? "non-negative" : "positive")
          + " integer, got \"" + value + "\"");
    }
  }

  /** A search time: unix seconds (Tempo reads them as uint32). Returns nanoseconds, or -1 when absent. */
  static long seconds(RequestParams params, String name) {
    String value = params.get(name);
    if (value == null) {
      return -1;
    }
    try {
      long seconds = Long.parseLong(value);
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new NumberFormatException();
      }
      return seconds * 1_000_000_000L;
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid " + name + ": \"" + value + "\" is not unix seconds");
    }
  }

  /**
   * A metrics time in nanoseconds: unix seconds (up to 10 digits, optionally fractional), unix
   * nanoseconds, or RFC 3339; -1 when absent.
   */
  static long time(RequestParams params, String name) {
    String value = params.get(name);
    if (value == null) {
      return -1;
    }
    try {
      if (value.indexOf('T') > 0 || value.indexOf('-') > 0) {
        OffsetDateTime t = OffsetDateTime.parse(value);
        return t.toEpochSecond() * 1_000_000_000L + t.getNano();
      }
      BigDecimal number = new BigDecimal(value);
      if (number.signum() < 0) {
        throw new NumberFormatException();
      }
      if (value.contains(".") || value.length() <= 10) {
        return number.multiply(BigDecimal.valueOf(1_000_000_000L)).longValueExact();
      }
      return number.longValueExact();
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw new BadRequestException("invalid " + name + ": cannot parse \"" + value + "\" as a time");
    }
  }

  /** A step or duration in nanoseconds: seconds (possibly fractional) or a duration such as {@code 30s}; -1 when absent. */
  static long duration(RequestParams params, String name) {
    String value = params.get(name);
    if (value == null) {
      return -1;
    }
    long nanos;
    if (Durations.isDuration(value)) {
      nanos = Durations.parse(value).toNanos();
    } else {
      try {
        nanos = new BigDecimal(value).multiply(BigDecimal.valueOf(1_000_000_000L)).longValue();
      } catch (NumberFormatException e) {
        throw new BadRequestException("invalid " + name + ": cannot parse \"" + value + "\" as a duration");
      }
    }
    if (nanos <= 0) {
      throw new BadRequestException("invalid " + name + ": must be greater than 0, got \"" + value + "\"");
    }
    return nanos;
  }

  /** A Go duration such as {@code 100ms}, in nanoseconds; -1 when absent. */
  static long goDuration(RequestParams params, String name) {
    String value = params.get(name);
    if (value == null) {
      return -1;
    }
    if (!Durations.isDuration(value)) {
      throw new BadRequestException("invalid " + name + ": cannot parse \"" + value + "\" as a duration");
    }
    return Durations.parse(value).toNanos();
  }
}
