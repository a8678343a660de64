package dev.floe.logql.template;

import static dev.floe.logql.template.Func.Type.ANY;
import static dev.floe.logql.template.Func.Type.STRING;
import static dev.floe.logql.template.Func.Type.TIME;

import dev.floe.lang.GoStrings;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Loki's time functions: {@code __timestamp__}, Sprig's date functions and Loki's epoch conversions. */
final class TimeFunctions {
  static final List<Func> ALL = List.of(
      Func.of("__line__", (a, env) -> env.line()),
      Func.of("__timestamp__", (a, env) -> GoTime.ofEpochNanos(env.timestampNanos())),
      Func.of("now", (a, env) -> new GoTime(Instant.now().atZone(GoTime.LOCAL))),
      Func.of("date", (a, env) -> GoLayout.format((String) a.get(0), toTime(a.get(1))), STRING, ANY),
      Func.of("toDate", (a, env) -> parseOrZero((String) a.get(0), (String) a.get(1), GoTime.LOCAL), STRING, STRING),
      Func.of("toDateInZone",
          (a, env) -> parseOrZero((String) a.get(0), (String) a.get(2), zone((String) a.get(1))), STRING, STRING, STRING),
      Func.of("unixEpoch", (a, env) -> Long.toString(((GoTime) a.get(0)).unixSeconds()), TIME),
      Func.of("unixEpochMillis", (a, env) -> Long.toString(((GoTime) a.get(0)).value().toInstant().toEpochMilli()), TIME),
      Func.of("unixEpochNanos", (a, env) -> Long.toString(((GoTime) a.get(0)).unixNanos()), TIME),
      Func.of("unixToTime", (a, env) -> unixToTime((String) a.get(0)), STRING));

  private TimeFunctions() {}

  /**
   * Sprig's {@code date} takes a time or Unix seconds (anything else formats the current time) and shows it
   * in the local zone.
   */
  private static GoTime toTime(Object v) {
    if (v instanceof GoTime t) {
      return new GoTime(t.value().withZoneSameInstant(GoTime.LOCAL));
    } else if (v instanceof Long seconds) {
      return GoTime.ofEpochSeconds(seconds);
    }
    return new GoTime(Instant.now().atZone(GoTime.LOCAL));
  }

  /** Sprig's {@code toDate} and Loki's {@code toDateInZone} return the zero time when parsing fails. */
  private static GoTime parseOrZero(String layout, String value, ZoneId zone) {
    try {
      return GoTimeParser.parse(layout, value, zone);
    } catch (IllegalArgumentException e) {
      return GoTime.ZERO;
    }
  }

  /** Go's {@code time.LoadLocation}, falling back to UTC as Loki does for unknown zones. */
  private static ZoneId zone(String name) {
    if (name.isEmpty() || name.equals("UTC") || name.equals("Local")) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  /** Loki's {@code unixToTime}: the number of digits says days (5), seconds, millis, micros or nanos (19). */
  private static GoTime unixToTime(String epoch) {
    long value;
    try {
      value = Long.parseLong(epoch);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unable to parse time '" + epoch + "': strconv.ParseInt: parsing "
          + GoStrings.quote(epoch) + ": invalid syntax");
    }
    return switch (epoch.length()) {
      case 5 -> GoTime.ofEpochSeconds(value * 86_400);
      case 10 -> GoTime.ofEpochSeconds(value);
      case 13 -> GoTime.ofEpochNanos(value * 1_000_000);
      case 16 -> GoTime.ofEpochNanos(value * 1_000);
      case 19 -> GoTime.ofEpochNanos(value);
      default -> throw new IllegalArgumentException("unable to parse time '" + epoch + "': %!w(<nil>)");
    };
  }
}
