package dev.floe.promql.engine;

import dev.floe.promql.Call;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/** The calendar functions of a timestamp in seconds, in UTC; without argument, of the evaluation time. */
final class TimeFunctions {
  static final Set<String> NAMES = Set.of(
      "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year");

  private TimeFunctions() {}

  static Vector eval(Evaluator ev, Call call, long t) {
    Vector input = call.args().isEmpty()
        ? new Vector(List.of(new VectorSample(dev.floe.lang.Labels.EMPTY, t, t / 1000.0, null, false)))
        : ev.evalVector(call.args().get(0), t);
    String name = call.function().name();
    return FunctionCalls.map(input, seconds -> {
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        return Double.NaN;
      }
      ZonedDateTime time = Instant.ofEpochSecond((long) Math.floor(seconds)).atZone(ZoneOffset.UTC);
      return switch (name) {
        case "day_of_month" -> time.getDayOfMonth();
        case "day_of_week" -> time.getDayOfWeek().getValue() % 7;
        case "day_of_year" -> time.getDayOfYear();
        case "days_in_month" -> time.toLocalDate().lengthOfMonth();
        case "hour" -> time.getHour();
        case "minute" -> time.getMinute();
        case "month" -> time.getMonthValue();
        default -> time.getYear();
      };
    });
  }
}
