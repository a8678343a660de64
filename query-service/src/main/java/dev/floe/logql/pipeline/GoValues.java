package dev.floe.logql.pipeline;

import dev.floe.lang.GoStrings;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads label values the way Loki's Go code does, with Go's error messages (which end up in
 * {@code __error_details__}): {@code strconv.ParseFloat}, {@code time.ParseDuration} and
 * go-humanize's {@code ParseBytes}.
 */
final class GoValues {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?0[xX][0-9a-fA-F.]+[pP][+-]?\\d+");
  private static final Map<String, Long> DURATION_UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
  private static final Map<String, Double> BYTE_UNITS = Map.ofEntries(
      Map.entry("", 1d), Map.entry("b", 1d),
      Map.entry("k", 1e3), Map.entry("kb", 1e3), Map.entry("ki", 0x1p10), Map.entry("kib", 0x1p10),
      Map.entry("m", 1e6), Map.entry("mb", 1e6), Map.entry("mi", 0x1p20), Map.entry("mib", 0x1p20),
      Map.entry("g", 1e9), Map.entry("gb", 1e9), Map.entry("gi", 0x1p30), Map.entry("gib", 0x1p30),
      Map.entry("t", 1e12), Map.entry("tb", 1e12), Map.entry("ti", 0x1p40), Map.entry("tib", 0x1p40),
      Map.entry("p", 1e15), Map.entry("pb", 1e15), Map.entry("pi", 0x1p50), Map.entry("pib", 0x1p50),
      Map.entry("e", 1e18), Map.entry("eb", 1e18), Map.entry("ei", 0x1p60), Map.entry("eib", 0x1p60));

  private GoValues() {}

  /** A value that does not convert; the message is Go's. */
  static final class ConversionException extends Exception {
    ConversionException(String message) {
      super(message, null, false, false);
    }
  }

  static double parseFloat(String text) throws ConversionException {
    if (DECIMAL.matcher(text).matches()) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw invalidFloat(text);
      }
    }
    String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    boolean negative = text.startsWith("-");
    if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equalsIgnoreCase("nan") && unsigned.length() == text.length()) {
      return Double.NaN;
    }
    throw invalidFloat(text);
  }

  private static ConversionException invalidFloat(String text) {
    return new ConversionException("strconv.ParseFloat: parsing " + GoStrings.quote(text) + ": invalid syntax");
  }

  /** A Go duration ({@code 1h30m}, {@code 250ms}, {@code -1.5s}) in nanoseconds. */
  static long parseDuration(String text) throws ConversionException {
    int i = 0;
    boolean negative = false;
    if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      negative = text.charAt(0) == '-';
      i++;
    }
    if (text.substring(i).equals("0")) {
      return 0;
    }
    if (i == text.length()) {
      throw new ConversionException("time: invalid duration " + GoStrings.quote(text));
    }
    double total = 0;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      String number = text.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw new ConversionException("time: invalid duration " + GoStrings.quote(text));
      }
      int unitStart = i;
      while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
        i++;
      }
      if (unitStart == i) {
        throw new ConversionException("time: missing unit in duration " + GoStrings.quote(text));
      }
      String unit = text.substring(unitStart, i);
      Long nanos = DURATION_UNITS.get(unit);
      if (nanos == null) {
        throw new ConversionException("time: unknown unit " + GoStrings.quote(unit) + " in duration " + GoStrings.quote(text));
      }
      total += Double.parseDouble(number) * nanos;
    }
    if (total > Long.MAX_VALUE) {
      throw new ConversionException("time: invalid duration " + GoStrings.quote(text));
    }
    return negative ? -(long) total : (long) total;
  }

  /** A byte size ({@code 20MB}, {@code 5 KiB}, {@code 1,024}) as go-humanize reads it. */
  static double parseBytes(String text) throws ConversionException {
    int digits = 0;
    boolean comma = false;
    while (digits < text.length()) {
      char c = text.charAt(digits);
      if (!(Character.isDigit(c) || c == '.' || c == ',')) {
        break;
      }
      comma |= c == ',';
      digits++;
    }
    String number = text.substring(0, digits);
    double value = parseFloat(comma ? number.replace(",", "") : number);
    String unit = text.substring(digits).strip().toLowerCase(java.util.Locale.ROOT);
    Double multiplier = BYTE_UNITS.get(unit);
    if (multiplier == null) {
      throw new ConversionException("unhandled size name: " + unit);
    }
    double bytes = value * multiplier;
    if (bytes >= 0x1p64) {
      throw new ConversionException("too large: " + text);
    }
    return Math.floor(bytes);
  }

}
