package dev.floe.logql.template;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Go's reference-time layouts ({@code 2006-01-02T15:04:05Z07:00}) and {@code Time.Format}. A layout is split
 * into literal text and the standard chunks Go's {@code nextStdChunk} recognises; {@link GoTimeParser} reads
 * times with the same chunks.
 */
final class GoLayout {
  static final String[] LONG_MONTHS = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"
  };
  static final String[] LONG_DAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };

  enum Std {
    LITERAL, LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
    UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
    LONG_YEAR, YEAR, PM, LOWER_PM, TZ, ISO_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ,
    ISO_COLON_SECONDS_TZ, NUM_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ,
    FRAC_ZEROS, FRAC_NINES
  }

  /** A piece of a layout: literal text, or a standard chunk ({@code digits} counts fractional digits). */
  record Chunk(Std std, String text, int digits) {}

  private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);
  private static final int CACHE_LIMIT = 256;
  /** Layouts are template constants, so each line reuses its layout's chunks. */
  private static final Map<String, List<Chunk>> CHUNKS = new ConcurrentHashMap<>();

  private GoLayout() {}

  static List<Chunk> chunks(String layout) {
    List<Chunk> cached = CHUNKS.get(layout);
    if (cached == null) {
      if (CHUNKS.size() >= CACHE_LIMIT) {
        CHUNKS.clear();
      }
      cached = split(layout);
      CHUNKS.put(layout, cached);
    }
    return cached;
  }

  private static List<Chunk> split(String layout) {
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
    return List.copyOf(chunks);
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
    if (zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC")) {
      return "UTC";
    }
    if (zone instanceof ZoneOffset) {
      // A parsed offset makes an unnamed zone, which Go prints as -0700.
      StringBuilder out = new StringBuilder();
      appendOffset(out, Std.NUM_TZ, t.getOffset().getTotalSeconds());
      return out.toString();
    }
    return ZONE_NAME.format(t);
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
}
