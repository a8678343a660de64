package dev.floe.logql.template;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Go's reference-time layouts ({@code 2006-01-02T15:04:05Z07:00}): formatting and parsing. A layout is split
 * into literal text and the standard chunks Go's {@code nextStdChunk} recognises.
 */
final class GoLayout {
  private static final String[] LONG_MONTHS = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"
  };
  private static final String[] LONG_DAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };

  private enum Std {
    LITERAL, LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
    UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
    LONG_YEAR, YEAR, PM, LOWER_PM, TZ, ISO_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ,
    ISO_COLON_SECONDS_TZ, NUM_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ,
    FRAC_ZEROS, FRAC_NINES
  }

  /** A piece of a layout: literal text, or a standard chunk ({@code digits} counts fractional digits). */
  private record Chunk(Std std, String text, int digits) {}

  private GoLayout() {}

  private static List<Chunk> chunks(String layout) {
    List<Chunk> chunks = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < layout.length()) {
      Chunk chunk = stdAt(layout, i);
      if (chunk == null) {
        literal.append(layout.charAt(i++));
        continue;
      }
      if (literal.length() > 0) {
        chunks.add(new Chunk(Std.LITERAL, literal.toString(), 0));
        literal.setLength(0);
      }
      chunks.add(chunk);
      i += chunk.text().length();
    }
    if (literal.length() > 0) {
      chunks.add(new Chunk(Std.LITERAL, literal.toString(), 0));
    }
    return chunks;
  }

  /** The standard chunk starting at {@code i}, or null when the character there is literal. */
  private static Chunk stdAt(String l, int i) {
    String rest = l.substring(i);
    switch (l.charAt(i)) {
      case 'J':
        if (rest.startsWith("January")) {
          return chunk(Std.LONG_MONTH, "January");
        }
        if (rest.startsWith("Jan") && !startsWithLower(rest, 3)) {
          return chunk(Std.MONTH, "Jan");
        }
        return null;
      case 'M':
        if (rest.startsWith("Monday")) {
          return chunk(Std.LONG_WEEKDAY, "Monday");
        }
        if (rest.startsWith("Mon") && !startsWithLower(rest, 3)) {
          return chunk(Std.WEEKDAY, "Mon");
        }
        return rest.startsWith("MST") ? chunk(Std.TZ, "MST") : null;
      case '0':
        if (rest.length() >= 2 && rest.charAt(1) >= '1' && rest.charAt(1) <= '6') {
          Std[] std = {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE, Std.ZERO_SECOND, Std.YEAR};
          return chunk(std[rest.charAt(1) - '1'], rest.substring(0, 2));
        }
        return rest.startsWith("002") ? chunk(Std.ZERO_YEAR_DAY, "002") : null;
      case '1':
        return rest.startsWith("15") ? chunk(Std.HOUR, "15") : chunk(Std.NUM_MONTH, "1");
      case '2':
        return rest.startsWith("2006") ? chunk(Std.LONG_YEAR, "2006") : chunk(Std.DAY, "2");
      case '_':
        if (rest.startsWith("_2") && !rest.startsWith("_2006")) {
          return chunk(Std.UNDER_DAY, "_2");
        }
        return rest.startsWith("__2") ? chunk(Std.UNDER_YEAR_DAY, "__2") : null;
      case '3':
        return chunk(Std.HOUR12, "3");
      case '4':
        return chunk(Std.MINUTE, "4");
      case '5':
        return chunk(Std.SECOND, "5");
      case 'P':
        return rest.startsWith("PM") ? chunk(Std.PM, "PM") : null;
      case 'p':
        return rest.startsWith("pm") ? chunk(Std.LOWER_PM, "pm") : null;
      case '-':
        return zone(rest, "-", Std.NUM_SECONDS_TZ, Std.NUM_COLON_SECONDS_TZ, Std.NUM_TZ, Std.NUM_COLON_TZ,
            Std.NUM_SHORT_TZ);
      case 'Z':
        return zone(rest, "Z", Std.ISO_SECONDS_TZ, Std.ISO_COLON_SECONDS_TZ, Std.ISO_TZ, Std.ISO_COLON_TZ,
            Std.ISO_SHORT_TZ);
      case '.', ',':
        if (rest.length() > 1 && (rest.charAt(1) == '0' || rest.charAt(1) == '9')) {
          char digit = rest.charAt(1);
          int j = 1;
          while (j < rest.length() && rest.charAt(j) == digit) {
            j++;
          }
          if (j == rest.length() || !Character.isDigit(rest.charAt(j))) {
            return new Chunk(digit == '0' ? Std.FRAC_ZEROS : Std.FRAC_NINES, rest.substring(0, j), j - 1);
          }
        }
        return null;
      default:
        return null;
    }
  }

  private static Chunk zone(String rest, String p, Std seconds, Std colonSeconds, Std plain, Std colon, Std shortTz) {
    if (rest.startsWith(p + "070000")) {
      return chunk(seconds, p + "070000");
    } else if (rest.startsWith(p + "07:00:00")) {
      return chunk(colonSeconds, p + "07:00:00");
    } else if (rest.startsWith(p + "0700")) {
      return chunk(plain, p + "0700");
    } else if (rest.startsWith(p + "07:00")) {
      return chunk(colon, p + "07:00");
    } else if (rest.startsWith(p + "07")) {
      return chunk(shortTz, p + "07");
    }
    return null;
  }

  private static Chunk chunk(Std std, String text) {
    return new Chunk(std, text, 0);
  }

  private static boolean startsWithLower(String s, int at) {
    return at < s.length() && s.charAt(at) >= 'a' && s.charAt(at) <= 'z';
  }

  /** Go's {@code Time.Format}. */
  static String format(String layout, GoTime time) {
    ZonedDateTime t = time.value();
    StringBuilder out = new StringBuilder();
    for (Chunk c : chunks(layout)) {
      int hour = t.getHour();
      switch (c.std()) {
        case LITERAL -> out.append(c.text());
        case LONG_MONTH -> out.append(LONG_MONTHS[t.getMonthValue() - 1]);
        case MONTH -> out.append(LONG_MONTHS[t.getMonthValue() - 1], 0, 3);
        case NUM_MONTH -> out.append(t.getMonthValue());
        case ZERO_MONTH -> out.append(pad(t.getMonthValue(), 2, '0'));
        case LONG_WEEKDAY -> out.append(LONG_DAYS[t.getDayOfWeek().getValue() - 1]);
        case WEEKDAY -> out.append(LONG_DAYS[t.getDayOfWeek().getValue() - 1], 0, 3);
        case DAY -> out.append(t.getDayOfMonth());
        case UNDER_DAY -> out.append(pad(t.getDayOfMonth(), 2, ' '));
        case ZERO_DAY -> out.append(pad(t.getDayOfMonth(), 2, '0'));
        case UNDER_YEAR_DAY -> out.append(pad(t.getDayOfYear(), 3, ' '));
        case ZERO_YEAR_DAY -> out.append(pad(t.getDayOfYear(), 3, '0'));
        case HOUR -> out.append(pad(hour, 2, '0'));
        case HOUR12 -> out.append(hour % 12 == 0 ? 12 : hour % 12);
        case ZERO_HOUR12 -> out.append(pad(hour % 12 == 0 ? 12 : hour % 12, 2, '0'));
        case MINUTE -> out.append(t.getMinute());
        case ZERO_MINUTE -> out.append(pad(t.getMinute(), 2, '0'));
        case SECOND -> out.append(t.getSecond());
        case ZERO_SECOND -> out.append(pad(t.getSecond(), 2, '0'));
        case LONG_YEAR -> out.append(pad(t.getYear(), 4, '0'));
        case YEAR -> out.append(pad(Math.floorMod(t.getYear(), 100), 2, '0'));
        case PM -> out.append(hour >= 12 ? "PM" : "AM");
        case LOWER_PM -> out.append(hour >= 12 ? "pm" : "am");
        case TZ -> out.append(abbreviation(t));
        case FRAC_ZEROS, FRAC_NINES -> appendFraction(out, c, t.getNano());
        default -> appendOffset(out, c.std(), t.getOffset().getTotalSeconds());
      }
    }
    return out.toString();
  }

  private static void appendFraction(StringBuilder out, Chunk c, int nanos) {
    String digits = pad(nanos, 9, '0').substring(0, Math.min(9, c.digits()));
    if (c.std() == Std.FRAC_NINES) {
      digits = digits.replaceAll("0+$", "");
      if (digits.isEmpty()) {
        return;
      }
    }
    out.append(c.text().charAt(0)).append(digits);
  }

  private static String abbreviation(ZonedDateTime t) {
    ZoneId zone = t.getZone();
    if (zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC") || zone.getId().equals("Z")) {
      return "UTC";
    }
    if (zone instanceof ZoneOffset) {
      // Go prints a zone without a name as its numeric offset, -07 or -0730.
      StringBuilder out = new StringBuilder();
      appendOffset(out, Std.NUM_TZ, t.getOffset().getTotalSeconds());
      String s = out.toString();
      return s.endsWith("00") ? s.substring(0, 3) : s;
    }
    return zone.getDisplayName(TextStyle.SHORT, Locale.ROOT).equals(zone.getId())
        ? t.format(java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT))
        : t.format(java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ROOT));
  }

  private static void appendOffset(StringBuilder out, Std std, int offsetSeconds) {
    boolean iso = std.name().startsWith("ISO");
    if (iso && offsetSeconds == 0) {
      out.append('Z');
      return;
    }
    int abs = Math.abs(offsetSeconds);
    out.append(offsetSeconds < 0 ? '-' : '+').append(pad(abs / 3600, 2, '0'));
    boolean colon = std.name().contains("COLON");
    if (std != Std.ISO_SHORT_TZ && std != Std.NUM_SHORT_TZ) {
      out.append(colon ? ":" : "").append(pad(abs / 60 % 60, 2, '0'));
    }
    if (std.name().contains("SECONDS")) {
      out.append(colon ? ":" : "").append(pad(abs % 60, 2, '0'));
    }
  }

  private static String pad(int value, int width, char fill) {
    String s = Integer.toString(value);
    return s.length() >= width ? s : String.valueOf(fill).repeat(width - s.length()) + s;
  }

  /**
   * Go's {@code time.ParseInLocation}.
   *
   * @throws IllegalArgumentException with Go's message when {@code value} does not match {@code layout}
   */
  static GoTime parse(String layout, String value, ZoneId location) {
    Parsing p = new Parsing(layout, value);
    List<Chunk> chunks = chunks(layout);
    for (int k = 0; k < chunks.size(); k++) {
      p.chunk(chunks.get(k), k + 1 < chunks.size() ? chunks.get(k + 1) : null);
    }
    if (!p.rest.isEmpty()) {
      throw new IllegalArgumentException(
          "parsing time " + GoFormat.quote(value) + ": extra text: " + GoFormat.quote(p.rest));
    }
    return p.result(location);
  }

  /** The state of one parse: what is left of the value and the fields read so far. */
  private static final class Parsing {
    final String layout;
    final String value;
    String rest;
    int year;
    int month = -1;
    int day = -1;
    int yearDay = -1;
    int hour;
    int minute;
    int second;
    int nanos;
    boolean pmSet;
    boolean pm;
    Integer offset;
    String zoneName;

    Parsing(String layout, String value) {
      this.layout = layout;
      this.value = value;
      this.rest = value;
    }

    void chunk(Chunk c, Chunk next) {
      switch (c.std()) {
        case LITERAL -> {
          if (!rest.startsWith(c.text())) {
            fail(c.text());
          }
          rest = rest.substring(c.text().length());
        }
        case LONG_YEAR -> {
          if (rest.length() < 4 || !rest.substring(0, 4).chars().allMatch(Character::isDigit)) {
            fail(c.text());
          }
          year = Integer.parseInt(rest.substring(0, 4));
          rest = rest.substring(4);
        }
        case YEAR -> {
          int y = number(c, 2, true);
          year = y >= 69 ? 1900 + y : 2000 + y;
        }
        case LONG_MONTH, MONTH -> month = name(c, LONG_MONTHS, c.std() == Std.MONTH) + 1;
        case LONG_WEEKDAY, WEEKDAY -> name(c, LONG_DAYS, c.std() == Std.WEEKDAY);
        case NUM_MONTH, ZERO_MONTH -> month = range(number(c, 2, c.std() == Std.ZERO_MONTH), 1, 12, "month");
        case DAY, UNDER_DAY, ZERO_DAY -> {
          if (c.std() == Std.UNDER_DAY && rest.startsWith(" ")) {
            rest = rest.substring(1);
          }
          day = number(c, 2, c.std() == Std.ZERO_DAY);
        }
        case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> {
          for (int k = 0; k < 2 && c.std() == Std.UNDER_YEAR_DAY && rest.startsWith(" "); k++) {
            rest = rest.substring(1);
          }
          yearDay = range(number(c, 3, c.std() == Std.ZERO_YEAR_DAY), 1, 366, "day-of-year");
        }
        case HOUR -> hour = range(number(c, 2, false), 0, 23, "hour");
        case HOUR12, ZERO_HOUR12 -> hour = range(number(c, 2, c.std() == Std.ZERO_HOUR12), 0, 12, "hour");
        case MINUTE, ZERO_MINUTE -> minute = range(number(c, 2, c.std() == Std.ZERO_MINUTE), 0, 59, "minute");
        case SECOND, ZERO_SECOND -> {
          second = range(number(c, 2, c.std() == Std.ZERO_SECOND), 0, 59, "second");
          // Go accepts a fraction after the seconds even when the layout has none.
          boolean layoutHasFraction = next != null && (next.std() == Std.FRAC_ZEROS || next.std() == Std.FRAC_NINES);
          if (!layoutHasFraction && rest.length() > 1 && (rest.charAt(0) == '.' || rest.charAt(0) == ',')
              && Character.isDigit(rest.charAt(1))) {
            int j = 1;
            while (j < rest.length() && Character.isDigit(rest.charAt(j))) {
              j++;
            }
            nanos = fraction(rest.substring(1, j));
            rest = rest.substring(j);
          }
        }
        case PM, LOWER_PM -> {
          String want = rest.length() >= 2 ? rest.substring(0, 2) : "";
          String am = c.std() == Std.PM ? "AM" : "am";
          String pmText = c.std() == Std.PM ? "PM" : "pm";
          if (!want.equals(am) && !want.equals(pmText)) {
            fail(c.text());
          }
          pmSet = true;
          pm = want.equals(pmText);
          rest = rest.substring(2);
        }
        case TZ -> zoneAbbreviation(c);
        case FRAC_ZEROS -> {
          if (rest.length() < c.digits() + 1 || rest.charAt(0) != c.text().charAt(0)
              || !rest.substring(1, c.digits() + 1).chars().allMatch(Character::isDigit)) {
            fail(c.text());
          }
          nanos = fraction(rest.substring(1, c.digits() + 1));
          rest = rest.substring(c.digits() + 1);
        }
        case FRAC_NINES -> {
          if (rest.length() >= 2 && (rest.charAt(0) == '.' || rest.charAt(0) == ',') && Character.isDigit(rest.charAt(1))) {
            int j = 1;
            while (j < rest.length() && Character.isDigit(rest.charAt(j))) {
              j++;
            }
            nanos = fraction(rest.substring(1, j));
            rest = rest.substring(j);
          }
        }
        default -> offset(c);
      }
    }

    private void zoneAbbreviation(Chunk c) {
      if (rest.startsWith("UTC")) {
        zoneName = "UTC";
        offset = 0;
        rest = rest.substring(3);
        return;
      }
      int j = 0;
      while (j < rest.length() && rest.charAt(j) >= 'A' && rest.charAt(j) <= 'Z') {
        j++;
      }
      if (j < 3 || j > 5) {
        fail(c.text());
      }
      zoneName = rest.substring(0, j);
      rest = rest.substring(j);
    }

    private void offset(Chunk c) {
      boolean iso = c.std().name().startsWith("ISO");
      if (iso && rest.startsWith("Z")) {
        rest = rest.substring(1);
        offset = 0;
        return;
      }
      if (rest.isEmpty() || (rest.charAt(0) != '+' && rest.charAt(0) != '-')) {
        fail(c.text());
      }
      int sign = rest.charAt(0) == '-' ? -1 : 1;
      rest = rest.substring(1);
      boolean colon = c.std().name().contains("COLON");
      int seconds = twoDigits(c) * 3600;
      if (c.std() != Std.ISO_SHORT_TZ && c.std() != Std.NUM_SHORT_TZ) {
        separator(c, colon);
        seconds += twoDigits(c) * 60;
      }
      if (c.std().name().contains("SECONDS")) {
        separator(c, colon);
        seconds += twoDigits(c);
      }
      offset = sign * seconds;
    }

    private void separator(Chunk c, boolean colon) {
      if (colon) {
        if (!rest.startsWith(":")) {
          fail(c.text());
        }
        rest = rest.substring(1);
      }
    }

    private int twoDigits(Chunk c) {
      if (rest.length() < 2 || !Character.isDigit(rest.charAt(0)) || !Character.isDigit(rest.charAt(1))) {
        fail(c.text());
      }
      int v = Integer.parseInt(rest.substring(0, 2));
      rest = rest.substring(2);
      return v;
    }

    private int number(Chunk c, int maxDigits, boolean fixed) {
      int j = 0;
      while (j < rest.length() && j < maxDigits && Character.isDigit(rest.charAt(j))) {
        j++;
      }
      if (j == 0 || (fixed && j < maxDigits)) {
        fail(c.text());
      }
      int v = Integer.parseInt(rest.substring(0, j));
      rest = rest.substring(j);
      return v;
    }

    private int name(Chunk c, String[] names, boolean abbreviated) {
      for (int k = 0; k < names.length; k++) {
        String n = abbreviated ? names[k].substring(0, 3) : names[k];
        if (rest.length() >= n.length() && rest.substring(0, n.length()).equalsIgnoreCase(n)) {
          rest = rest.substring(n.length());
          return k;
        }
      }
      fail(c.text());
      return -1;
    }

    private int range(int v, int min, int max, String what) {
      if (v < min || v > max) {
        throw new IllegalArgumentException("parsing time " + GoFormat.quote(value) + ": " + what + " out of range");
      }
      return v;
    }

    private int fraction(String digits) {
      String nine = (digits + "000000000").substring(0, 9);
      return Integer.parseInt(nine);
    }

    private void fail(String element) {
      throw new IllegalArgumentException("parsing time " + GoFormat.quote(value) + " as " + GoFormat.quote(layout)
          + ": cannot parse " + GoFormat.quote(rest) + " as " + GoFormat.quote(element));
    }

    GoTime result(ZoneId location) {
      if (pmSet && pm && hour < 12) {
        hour += 12;
      } else if (pmSet && !pm && hour == 12) {
        hour = 0;
      }
      LocalDateTime local;
      try {
        if (yearDay > 0) {
          local = LocalDateTime.of(year, 1, 1, hour, minute, second, nanos).plusDays(yearDay - 1L);
        } else {
          local = LocalDateTime.of(year, month < 0 ? 1 : month, day < 0 ? 1 : day, hour, minute, second, nanos);
        }
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("parsing time " + GoFormat.quote(value) + ": day out of range");
      }
      ZoneId zone = location;
      if (offset != null && !(zoneName != null && zoneName.equals("UTC"))) {
        ZoneOffset fixed = ZoneOffset.ofTotalSeconds(offset);
        boolean sameAsLocation = location.getRules().getOffset(local).equals(fixed);
        zone = sameAsLocation ? location : fixed;
      } else if (zoneName != null) {
        zone = zoneName.equals("UTC") ? ZoneOffset.UTC : location;
      }
      return new GoTime(ZonedDateTime.ofLocal(local, zone, null));
    }
  }
}
