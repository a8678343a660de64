package dev.floe.logql.engine;

import dev.floe.lang.Labels;
import dev.floe.logql.LogqlParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/** Runs queries against an in-memory source and prints results compactly, so tests can state them in a line. */
final class EngineFixture {
  static final long SECOND = 1_000_000_000L;

  private EngineFixture() {}

  /** {@code source}'s entries in a scrambled order, as a storage scan of many files delivers them. */
  static LogSource shuffled(LogSource source) {
    return (scan, sink) -> {
      List<Object[]> entries = new ArrayList<>();
      source.scan(
          scan,
          (stream, metadata, timestamp, line, bytes) -> entries.add(new Object[] {stream, metadata, timestamp, line, bytes}));
      Collections.shuffle(entries, new Random(42));
      for (Object[] entry : entries) {
        if (!sink.accept((Labels) entry[0], (Labels) entry[1], (Long) entry[2], (String) entry[3], (Integer) entry[4])) {
          return;
        }
      }
    };
  }

  /** The engine's limits, with these three set. */
  static LogqlOptions limits(int maxQuerySeries, int maxEntriesLimitPerQuery, Duration queryTimeout) {
    return new LogqlOptions(maxEntriesLimitPerQuery, maxQuerySeries, queryTimeout);
  }

  static QueryResult instant(LogSource source, String query, long seconds) {
    return new LogqlEngine(source, LogqlOptions.defaults())
        .execute(LogqlQuery.instant(LogqlParser.parse(query), seconds * SECOND, 100, Direction.BACKWARD));
  }

  static QueryResult range(LogSource source, String query, long startSeconds, long endSeconds, long stepSeconds) {
    return new LogqlEngine(source, LogqlOptions.defaults())
        .execute(
            LogqlQuery.range(
                LogqlParser.parse(query),
                startSeconds * SECOND,
                endSeconds * SECOND,
                stepSeconds * SECOND,
                0,
                100,
                Direction.BACKWARD));
  }

  /**
   * A vector as {@code {a="b"} 3; {a="c"} 1.5}, a matrix as {@code {a="b"} 30:3 45:2; ...} (seconds:value), a
   * scalar as its value, streams as {@code {a="b"} 1:line 3:line; ...}.
   */
  static String render(QueryValue value) {
    if (value instanceof QueryValue.Scalar scalar) {
      return number(scalar.value());
    }
    if (value instanceof QueryValue.Vector vector) {
      return vector.samples().stream()
          .map(sample -> sample.labels() + " " + number(sample.value()))
          .collect(Collectors.joining("; "));
    }
    if (value instanceof QueryValue.Matrix matrix) {
      return matrix.series().stream()
          .map(
              series ->
                  series.labels()
                      + series.points().stream()
                          .map(point -> " " + point.timestampNanos() / SECOND + ":" + number(point.value()))
                          .collect(Collectors.joining()))
          .collect(Collectors.joining("; "));
    }
    return ((QueryValue.Streams) value)
        .streams().stream()
            .map(
                stream ->
                    stream.labels()
                        + stream.entries().stream()
                            .map(entry -> " " + entry.timestampNanos() / SECOND + ":" + entry.line())
                            .collect(Collectors.joining()))
            .collect(Collectors.joining("; "));
  }

  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
    }
    return BigDecimal.valueOf(Math.round(value * 1e6) / 1e6).stripTrailingZeros().toPlainString();
  }
}
