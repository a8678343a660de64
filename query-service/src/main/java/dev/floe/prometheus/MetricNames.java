package dev.floe.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prometheus metric names and units of OTLP metrics, by Prometheus's default translation strategy
 * ({@code UnderscoreEscapingWithSuffixes}), following the OpenTelemetry specification "Prometheus and
 * OpenMetrics Compatibility": characters other than {@code [a-zA-Z0-9:]} separate words joined by one
 * {@code _}; the unit, spelled out ({@code ms} to {@code milliseconds}, {@code By/s} to {@code
 * bytes_per_second}, annotations in braces dropped), is appended unless a word of the name already is
 * it; monotonic sums end in {@code _total}, gauges of unit {@code 1} in {@code _ratio}.
 */
public final class MetricNames {
  private static final Map<String, String> UNITS = Map.ofEntries(
      Map.entry("d", "days"),
      Map.entry("h", "hours"),
      Map.entry("min", "minutes"),
      Map.entry("s", "seconds"),
      Map.entry("ms", "milliseconds"),
      Map.entry("us", "microseconds"),
      Map.entry("ns", "nanoseconds"),
      Map.entry("By", "bytes"),
      Map.entry("KiBy", "kibibytes"),
      Map.entry("MiBy", "mebibytes"),
      Map.entry("GiBy", "gibibytes"),
      Map.entry("TiBy", "tibibytes"),
      Map.entry("KBy", "kilobytes"),
      Map.entry("MBy", "megabytes"),
      Map.entry("GBy", "gigabytes"),
      Map.entry("TBy", "terabytes"),
      Map.entry("m", "meters"),
      Map.entry("V", "volts"),
      Map.entry("A", "amperes"),
      Map.entry("J", "joules"),
      Map.entry("W", "watts"),
      Map.entry("g", "grams"),
      Map.entry("Cel", "celsius"),
      Map.entry("Hz", "hertz"),
      // A dimensionless unit has no suffix; gauges get "ratio" instead.
      Map.entry("1", ""),
      Map.entry("%", "percent"));

  /** Units after a slash, in the singular. */
  private static final Map<String, String> PER_UNITS = Map.of(
      "s", "second",
      "m", "minute",
      "h", "hour",
      "d", "day",
      "w", "week",
      "mo", "month",
      "y", "year");

  private MetricNames() {}

  /**
   * The Prometheus name of an OTLP metric, without the {@code _bucket}, {@code _sum} and {@code _count}
   * suffixes of histograms and summaries.
   *
   * @param unit the OTLP unit, empty when none
   * @param monotonic whether a sum is monotonic
   */
  public static String metricName(String otlpName, String unit, MetricType type, boolean monotonic) {
    List<String> words = words(otlpName);
    UnitWords unitWords = unitWords(unit);
    String main = unitWords.main;
    String per = unitWords.per;
    if (words.contains(main)) {
      main = "";
    }
    if (per.equals("per_")) {
      per = "";
    } else {
      per = trimTrailingUnderscore(per);
      if (words.contains(per)) {
        per = "";
      }
    }
    if (!per.isEmpty()) {
      main = trimTrailingUnderscore(main);
    }
    if (!main.isEmpty()) {
      words.add(main);
    }
    if (!per.isEmpty()) {
      words.add(per);
    }
    if (type == MetricType.SUM && monotonic) {
      moveToEnd(words, "total");
    }
    if (type == MetricType.GAUGE && unit.equals("1")) {
      moveToEnd(words, "ratio");
    }
    String name = String.join("_", words);
    if (!name.isEmpty() && isDigit(name.charAt(0))) {
      return "_" + name;
    }
    return name;
  }

  /**
   * The Prometheus unit of an OTLP unit, as the metadata API reports it: {@code ms} is {@code
   * milliseconds}, {@code By/s} is {@code bytes_per_second}, {@code 1} and {@code {request}} are empty.
   */
  public static String unit(String otlpUnit) {
    UnitWords unitWords = unitWords(otlpUnit);
    String unit;
    if (!unitWords.main.isEmpty() && !unitWords.per.isEmpty()) {
      unit = unitWords.main + "_" + unitWords.per;
    } else if (!unitWords.main.isEmpty()) {
      unit = unitWords.main;
    } else {
      unit = unitWords.per;
    }
    if (unit.startsWith("_")) {
      unit = unit.substring(1);
    }
    return trimTrailingUnderscore(unit);
  }

  /** The words of a metric name: the runs of characters valid in a Prometheus metric name but {@code _}. */
  private static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < name.length(); i++) {
      if (isWordChar(name.charAt(i))) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        words.add(name.substring(start, i));
        start = -1;
      }
    }
    if (start >= 0) {
      words.add(name.substring(start));
    }
    return words;
  }

  /** The unit before a slash spelled out, and after it {@code per_} and the singular spelled out. */
  private record UnitWords(String main, String per) {}

  private static UnitWords unitWords(String unit) {
    int slash = unit.indexOf('/');
    String mainUnit = (slash < 0 ? unit : unit.substring(0, slash)).strip();
    String main = "";
    if (!mainUnit.isEmpty() && !hasAnnotation(mainUnit)) {
      main = clean(UNITS.getOrDefault(mainUnit, mainUnit));
    }
    String per = "";
    if (slash >= 0) {
      String perUnit = unit.substring(slash + 1).strip();
      if (!perUnit.isEmpty() && !hasAnnotation(perUnit)) {
        per = clean("per_" + PER_UNITS.getOrDefault(perUnit, perUnit));
      }
    }
    return new UnitWords(main, per);
  }

  /** Replaces characters invalid in a metric name by {@code _}, one for a run, none at the start. */
  private static String clean(String unit) {
    StringBuilder out = new StringBuilder(unit.length());
    for (int i = 0; i < unit.length(); i++) {
      char c = unit.charAt(i);
      boolean valid = isWordChar(c);
      if (valid) {
        out.append(c);
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    return out.toString();
  }

  private static boolean hasAnnotation(String unit) {
    return unit.indexOf('{') >= 0 || unit.indexOf('}') >= 0;
  }

  private static void moveToEnd(List<String> words, String word) {
    words.removeIf(word::equals);
    words.add(word);
  }

  private static String trimTrailingUnderscore(String text) {
    return text.endsWith("_") ? text.substring(0, text.length() - 1) : text;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == ':';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
