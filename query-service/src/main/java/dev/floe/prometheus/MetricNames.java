package dev.floe.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prometheus metric names and units of OTLP metrics, as Prometheus's OTLP receiver makes them. With its
 * default strategy, {@link TranslationStrategy#UNDERSCORE_ESCAPING_WITH_SUFFIXES}, which follows the
 * OpenTelemetry specification "Prometheus and OpenMetrics Compatibility": characters other than {@code
 * [a-zA-Z0-9:]} separate words joined by one {@code _}; the unit, spelled out ({@code ms} to {@code
 * milliseconds}, {@code By/s} to {@code bytes_per_second}, annotations in braces dropped), is appended
 * unless a word of the name already is it; monotonic sums end in {@code _total}, gauges of unit {@code
 * 1} in {@code _ratio}.
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
   * suffixes of histograms and summaries; empty when no character of the name can be kept.
   *
   * @param unit the OTLP unit, empty when none
   * @param monotonic whether a sum is monotonic
   */
  public static String metricName(
      String otlpName, String unit, MetricType type, boolean monotonic, TranslationStrategy strategy) {
    if (strategy.escapes()) {
      return strategy.addsSuffixes() ? escapedWithSuffixes(otlpName, unit, type, monotonic) : escaped(otlpName);
    }
    return strategy.addsSuffixes() ? withSuffixes(otlpName, unit, type, monotonic) : otlpName;
  }

  private static String escapedWithSuffixes(String otlpName, String unit, MetricType type, boolean monotonic) {
    List<String> words = words(otlpName);
    UnitWords unitWords = unitWords(unit, true);
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
    if (isCounter(type, monotonic)) {
      moveToEnd(words, "total");
    }
    if (isRatio(type, unit)) {
      moveToEnd(words, "ratio");
    }
    return digitSafe(String.join("_", words));
  }

  /** Invalid characters to {@code _}, one for a run of them; underscores are kept. */
  private static String escaped(String otlpName) {
    StringBuilder name = new StringBuilder(otlpName.length());
    boolean separate = false;
    for (int i = 0; i < otlpName.length(); i++) {
      char c = otlpName.charAt(i);
      if (isWordChar(c) || c == '_') {
        if (separate && name.length() > 0) {
          name.append('_');
        }
        name.append(c);
        separate = false;
      } else {
        separate = true;
      }
    }
    return digitSafe(name.toString());
  }

  /** The name as it is with the suffixes appended, each unless the name already ends with it. */
  private static String withSuffixes(String otlpName, String unit, MetricType type, boolean monotonic) {
    String name = otlpName;
    String last = "";
    if (isRatio(type, unit)) {
      last = "ratio";
    } else if (isCounter(type, monotonic)) {
      last = "total";
    }
    name = trimSuffixAndDelimiter(name, last);
    UnitWords unitWords = unitWords(unit, false);
    name = trimSuffixAndDelimiter(name, unitWords.per);
    if (!unitWords.main.isEmpty() && !name.endsWith(unitWords.main)) {
      name = name + "_" + unitWords.main;
    }
    for (String suffix : new String[] {unitWords.per, last}) {
      if (!suffix.isEmpty()) {
        name = name + "_" + suffix;
      }
    }
    return name;
  }

  /**
   * The Prometheus unit of an OTLP unit, as the metadata API reports it: {@code ms} is {@code
   * milliseconds}, {@code By/s} is {@code bytes_per_second}, {@code 1} and {@code {request}} are empty.
   */
  public static String unit(String otlpUnit, TranslationStrategy strategy) {
    UnitWords unitWords = unitWords(otlpUnit, strategy.escapes());
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

  private static UnitWords unitWords(String unit, boolean escape) {
    int slash = unit.indexOf('/');
    String mainUnit = (slash < 0 ? unit : unit.substring(0, slash)).strip();
    String main = "";
    if (!mainUnit.isEmpty() && !hasAnnotation(mainUnit)) {
      main = UNITS.getOrDefault(mainUnit, mainUnit);
    }
    String per = "";
    if (slash >= 0) {
      String perUnit = unit.substring(slash + 1).strip();
      if (!perUnit.isEmpty() && !hasAnnotation(perUnit)) {
        per = "per_" + PER_UNITS.getOrDefault(perUnit, perUnit);
      }
    }
    return escape ? new UnitWords(clean(main), clean(per)) : new UnitWords(main, per);
  }

  /** Replaces characters invalid in a metric name by {@code _}, one for a run, none at the start. */
  private static String clean(String unit) {
    StringBuilder out = new StringBuilder(unit.length());
    for (int i = 0; i < unit.length(); i++) {
      char c = unit.charAt(i);
      if (isWordChar(c)) {
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

  private static boolean isCounter(MetricType type, boolean monotonic) {
    return type == MetricType.SUM && monotonic;
  }

  private static boolean isRatio(MetricType type, String unit) {
    return type == MetricType.GAUGE && unit.equals("1");
  }

  /** A name cannot start with a digit: such names get a leading {@code _}. */
  private static String digitSafe(String name) {
    return !name.isEmpty() && isDigit(name.charAt(0)) ? "_" + name : name;
  }

  /** {@code name} without {@code suffix} and the character before it, when it ends with them. */
  private static String trimSuffixAndDelimiter(String name, String suffix) {
    if (!suffix.isEmpty() && name.endsWith(suffix) && name.length() > suffix.length() + 1) {
      return name.substring(0, name.length() - suffix.length() - 1);
    }
    return name;
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
