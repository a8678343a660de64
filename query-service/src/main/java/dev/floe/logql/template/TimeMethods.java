package dev.floe.logql.template;

import static dev.floe.logql.template.Func.Type.STRING;
import static dev.floe.logql.template.Func.Type.TIME;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The methods of Go's {@code time.Time} a template can call, e.g. {@code (__timestamp__).Unix} or
 * {@code (toDate "2006-01-02" .day).Format "Jan 2"}; the receiver is the first argument.
 */
final class TimeMethods {
  private static final String[] MONTHS = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"
  };

  static final Map<String, Func> METHODS = List.of(
          method("Unix", t -> t.unixSeconds()),
          method("UnixMilli", t -> t.value().toInstant().toEpochMilli()),
          method("UnixMicro", t -> Math.floorDiv(t.unixNanos(), 1000L)),
          method("UnixNano", GoTime::unixNanos),
          method("Year", t -> (long) t.value().getYear()),
          method("Month", t -> MONTHS[t.value().getMonthValue() - 1]),
          method("Day", t -> (long) t.value().getDayOfMonth()),
          method("YearDay", t -> (long) t.value().getDayOfYear()),
          method("Weekday", t -> GoLayout.format("Monday", t)),
          method("Hour", t -> (long) t.value().getHour()),
          method("Minute", t -> (long) t.value().getMinute()),
          method("Second", t -> (long) t.value().getSecond()),
          method("Nanosecond", t -> (long) t.value().getNano()),
          method("UTC", t -> new GoTime(t.value().withZoneSameInstant(ZoneOffset.UTC))),
          method("Local", t -> new GoTime(t.value().withZoneSameInstant(GoTime.LOCAL))),
          method("IsZero", t -> t.equals(GoTime.ZERO)),
          method("String", GoTime::toString),
          Func.of("Format", (a, env) -> GoLayout.format((String) a.get(1), (GoTime) a.get(0)), TIME, STRING))
      .stream()
      .collect(Collectors.toUnmodifiableMap(Func::name, f -> f));

  private TimeMethods() {}

  private static Func method(String name, Function<GoTime, Object> body) {
    return Func.of(name, (a, env) -> body.apply((GoTime) a.get(0)), TIME);
  }
}
