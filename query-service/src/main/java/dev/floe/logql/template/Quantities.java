package dev.floe.logql.template;

import dev.floe.lang.GoStrings;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** Loki's unit parsers: byte sizes as go-humanize reads them and durations as Go's {@code time.ParseDuration}. */
final class Quantities {
  private static final Map<String, Double> BYTE_UNITS = Map.ofEntries(
      Map.entry("", 1d), Map.entry("b", 1d),
      Map.entry("k", 1e3), Map.entry("kb", 1e3), Map.entry("ki", 1024d), Map.entry("kib", 1024d),
      Map.entry("m", 1e6), Map.entry("mb", 1e6), Map.entry("mi", 0x1p20), Map.entry("mib", 0x1p20),
      Map.entry("g", 1e9), Map.entry("gb", 1e9), Map.entry("gi", 0x1p30), Map.entry("gib", 0x1p30),
      Map.entry("t", 1e12), Map.entry("tb", 1e12), Map.entry("ti", 0x1p40), Map.entry("tib", 0x1p40),
      Map.entry("p", 1e15), Map.entry("pb", 1e15), Map.entry("pi", 0x1p50), Map.entry("pib", 0x1p50),
      Map.entry("e", 1e18), Map.entry("eb", 1e18), Map.entry("ei", 0x1p60), Map.entry("eib", 0x1p60));
  private static final Map<String, Long> DURATION_UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L,
      "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private Quantities() {}

  /** go-humanize's {@code ParseBytes}: "42 MB" is 42000000, "42 MiB" 44040192; commas are ignored. */
  static long parseBytes(String s) {
    int i = 0;
    StringBuilder number = new StringBuilder();
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == ',')) {
      if (s.charAt(i) != ',') {
        number.append(s.charAt(i));
      }
      i++;
    }
    String unit = s.substring(i).trim().toLowerCase(Locale.ROOT);
    Double multiplier = BYTE_UNITS.get(unit);
    Double value = Values.parseGoFloat(number.toString());
    if (value == null) {
      throw new IllegalArgumentException("strconv.ParseFloat: parsing " + GoStrings.quote(number.toString())
          + ": invalid syntax");
    }
    if (multiplier == null) {
      throw new IllegalArgumentException("unhandled size name: " + unit);
    }
    double bytes = value * multiplier;
    if (bytes >= 0x1p64) {
      throw new IllegalArgumentException("too large: " + s);
    }
    return (long) bytes;
  }

  /** Go's {@code time.ParseDuration(s).Seconds()}: "1h30m" is 5400, "-1.5s" is -1.5. */
  static double parseDurationSeconds(String s) {
    String orig = s;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalidDuration(orig);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalidDuration(orig);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("time: missing unit in duration " + GoStrings.quote(orig));
      }
      Long scale = DURATION_UNITS.get(unit);
      if (scale == null) {
        throw new IllegalArgumentException("time: unknown unit " + GoStrings.quote(unit) + " in duration "
            + GoStrings.quote(orig));
      }
      nanos = nanos.add(new BigDecimal(number.startsWith(".") ? "0" + number : number).multiply(BigDecimal.valueOf(scale)));
    }
    long whole = nanos.longValue();
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("time: invalid duration " + GoStrings.quote(orig));
    }
    // Go truncates the fraction of a nanosecond, then Seconds() splits whole and fractional seconds.
    long seconds = whole / 1_000_000_000L;
    long rest = whole % 1_000_000_000L;
    double result = seconds + rest / 1e9;
    return negative ? -result : result;
  }

  private static IllegalArgumentException invalidDuration(String s) {
    return new IllegalArgumentException("time: invalid duration " + GoStrings.quote(s));
  }
}
