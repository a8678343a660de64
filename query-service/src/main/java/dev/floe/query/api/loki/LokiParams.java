package dev.floe.query.api.loki;

import dev.floe.lang.Durations;
import dev.floe.query.api.BadRequestException;
import dev.floe.query.api.RequestParams;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Loki's forms of query parameters: times, steps, limits and directions, with Loki's defaults. */
final class LokiParams {
  static final int DEFAULT_LIMIT = 100;
  private static final long DEFAULT_SINCE_NANOS = Duration.ofHours(1).toNanos();

  private final RequestParams params;
  private final long nowNanos;

  LokiParams(RequestParams params, long nowNanos) {
    this.params = params;
    this.nowNanos = nowNanos;
  }

  String get(String name) {
    return params.get(name);
  }

  java.util.List<String> getAll(String name) {
    return params.getAll(name);
  }

  java.util.List<String> tenants(String defaultTenant) {
    return params.tenants(defaultTenant);
  }

  String query() {
    String query = params.get("query");
    if (query == null) {
      throw new BadRequestException("query parameter is missing");
    }
    return query;
  }

  /** {@code end}, default now. */
  long end() {
    return time("end", nowNanos);
  }

  /** {@code start}, default {@code end - since}, {@code since} defaulting to an hour. */
  long start(long end) {
    String since = params.get("since");
    long sinceNanos = since == null ? DEFAULT_SINCE_NANOS : duration("since", since);
    return time("start", end - sinceNanos);
  }

  /** The instant of an instant query: {@code time}, default now. */
  long instant() {
    return time("time", nowNanos);
  }

  int limit() {
    String limit = params.get("limit");
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int value = Integer.parseInt(limit);
      if (value <= 0) {
        throw new BadRequestException("limit must be a positive value");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid limit: strconv.Atoi: parsing \"" + limit + "\": invalid syntax");
    }
  }

  /** A positive integer parameter, {@code defaultValue} when absent. */
  int positive(String name, int defaultValue) {
    String value = params.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadRequestException("invalid parameter \"" + name + "\": '" + value + "' is not a positive integer");
  }

  /** {@code limit} of the volume endpoints: how many groups, 100 by default. */
  int volumeLimit() {
    return positive("limit", 100);
  }

  /** {@code direction}: true for forward; Loki's default is backward. */
  boolean forward() {
    String direction = params.get("direction");
    if (direction == null || direction.equalsIgnoreCase("backward")) {
      return false;
    }
    if (direction.equalsIgnoreCase("forward")) {
      return true;
    }
    throw new BadRequestException("invalid direction '" + direction + "'");
  }

  /** {@code step} in nanoseconds; by default the range divided into about 250 points, at least 1s. */
  long step(long start, long end) {
    String step = params.get("step");
    if (step == null) {
      long seconds = Math.max((end - start) / 1_000_000_000L / 250, 1);
      return seconds * 1_000_000_000L;
    }
    return duration("step", step);
  }

  /** {@code interval} in nanoseconds, or 0 when absent. */
  long interval() {
    String interval = params.get("interval");
    return interval == null ? 0 : duration("interval", interval);
  }

  /**
   * A time: Unix nanoseconds, Unix seconds (ten digits or fewer, or with a fraction), or RFC 3339.
   */
  long time(String name, long defaultNanos) {
    String value = params.get(name);
    if (value == null) {
      return defaultNanos;
    }
    if (value.indexOf('.') >= 0) {
      try {
        return new BigDecimal(value).movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        // not a number: maybe RFC 3339 with fractional seconds
      }
    }
    try {
      long number = Long.parseLong(value);
      return value.length() <= 10 ? Math.multiplyExact(number, 1_000_000_000L) : number;
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        OffsetDateTime time = OffsetDateTime.parse(value);
        return Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000_000L), time.getNano());
      } catch (DateTimeParseException | ArithmeticException notRfc3339) {
        throw new BadRequestException(
            "invalid parameter \"" + name + "\": could not parse '" + value
                + "' as a Unix timestamp in nanoseconds or seconds, or as RFC3339");
      }
    }
  }

  /** A duration: a LogQL duration ({@code 5m}, {@code 1h30m}) or seconds with an optional fraction. */
  static long duration(String name, String value) {
    try {
      BigDecimal seconds = new BigDecimal(value);
      if (seconds.signum() > 0) {
        return seconds.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      if (Durations.isDuration(value)) {
        Duration duration = Durations.parse(value);
        if (!duration.isZero()) {
          return duration.toNanos();
        }
      }
    }
    throw new BadRequestException(
        "invalid parameter \"" + name + "\": '" + value + "' is not a positive duration");
  }
}
