package dev.floe.otlp;

import java.time.Duration;
import java.util.Objects;

/**
 * What an OTLP record may look like to be accepted; records outside these limits are rejected one by
 * one, the rest of their request is kept.
 *
 * @param maxPast how far before the receive time a record's time may be
 * @param maxFuture how far after the receive time a record's time may be (clock skew)
 * @param maxAttributes the most attributes one record may carry, counting its own, its resource's and
 *     its scope's (and a metric's metadata for its data points)
 * @param maxValueBytes the longest string body or attribute value, in UTF-8 bytes; non-string values
 *     count with their text form (see {@link AnyValues})
 * @param maxKeyBytes the longest attribute key (and, for pushed logs and metrics, label name), in
 *     UTF-8 bytes
 */
public record MappingLimits(
    Duration maxPast, Duration maxFuture, int maxAttributes, int maxValueBytes, int maxKeyBytes) {
  public static final Duration DEFAULT_MAX_PAST = Duration.ofDays(7);
  public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_ATTRIBUTES = 1024;
  /** Loki's default {@code max_line_size}. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 256 * 1024;
  /** Loki's and Mimir's default {@code max_label_name_length}. */
  public static final int DEFAULT_MAX_KEY_BYTES = 1024;

  private static final MappingLimits DEFAULTS =
      new MappingLimits(
          DEFAULT_MAX_PAST, DEFAULT_MAX_FUTURE, DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_VALUE_BYTES, DEFAULT_MAX_KEY_BYTES);

  public MappingLimits {
    Objects.requireNonNull(maxPast, "maxPast");
    Objects.requireNonNull(maxFuture, "maxFuture");
    if (maxPast.isNegative() || maxFuture.isNegative()) {
      throw new IllegalArgumentException("maxPast and maxFuture must not be negative");
    }
    // Both are added to nanosecond timestamps, which reach 2262.
    if (maxPast.compareTo(Duration.ofDays(365 * 100)) > 0 || maxFuture.compareTo(Duration.ofDays(365 * 100)) > 0) {
      throw new IllegalArgumentException("maxPast and maxFuture must be at most 100 years");
    }
    if (maxAttributes < 0 || maxValueBytes < 0 || maxKeyBytes < 0) {
      throw new IllegalArgumentException("maxAttributes, maxValueBytes and maxKeyBytes must not be negative");
    }
  }

  /** 7 days in the past, 10 minutes in the future, 1024 attributes, 256 KiB values, 1 KiB keys. */
  public static MappingLimits defaults() {
    return DEFAULTS;
  }
}
