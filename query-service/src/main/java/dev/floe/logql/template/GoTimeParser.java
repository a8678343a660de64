package dev.floe.logql.template;

import dev.floe.logql.template.GoLayout.Chunk;
import dev.floe.logql.template.GoLayout.Std;
import dev.floe.lang.GoStrings;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** Go's {@code time.ParseInLocation}: reads a time with a reference-time layout. */
final class GoTimeParser {
  private GoTimeParser() {}

  /**
   * Go's {@code time.ParseInLocation}.
   *
   * @throws IllegalArgumentException with Go's message when {@code value} does not match {@code layout}
   */
  static GoTime parse(String layout, String value, ZoneId location) {
    Parsing p = new Parsing(layout, value);
    List<Chunk> chunks = GoLayout.chunks(layout);
    for (int k = 0; k < chunks.size(); k++) {
      p.chunk(chunks.get(k), k + 1 < chunks.size() ? chunks.get(k + 1) : null);
    }
    if (!p.rest.isEmpty()) {
      throw new IllegalArgumentException(
          "parsing time " + GoStrings.quote(value) + ": extra text: " + GoStrings.quote(p.rest));
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
        case LONG_MONTH, MONTH -> month = name(c, GoLayout.LONG_MONTHS, c.std() == Std.MONTH) + 1;
        case LONG_WEEKDAY, WEEKDAY -> name(c, GoLayout.LONG_DAYS, c.std() == Std.WEEKDAY);
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
        throw new IllegalArgumentException("parsing time " + GoStrings.quote(value) + ": " + what + " out of range");
      }
      return v;
    }

    private int fraction(String digits) {
      String nine = (digits + "000000000").substring(0, 9);
      return Integer.parseInt(nine);
    }

    private void fail(String element) {
      throw new IllegalArgumentException("parsing time " + GoStrings.quote(value) + " as " + GoStrings.quote(layout)
          + ": cannot parse " + GoStrings.quote(rest) + " as " + GoStrings.quote(element));
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
        throw new IllegalArgumentException("parsing time " + GoStrings.quote(value) + ": day out of range");
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
