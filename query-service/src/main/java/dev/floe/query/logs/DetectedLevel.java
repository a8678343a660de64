package dev.floe.query.logs;

import java.util.Locale;

/**
 * Loki's {@code detected_level}: the OTLP severity when the record has one, else a {@code level}
 * found in the record's attributes or in the line itself, else {@code unknown}.
 */
final class DetectedLevel {
  static final String LABEL = "detected_level";
  static final String UNKNOWN = "unknown";

  private DetectedLevel() {}

  /** The level of an OTLP severity number (1 to 24), or null when it is unset. */
  static String ofSeverityNumber(int number) {
    if (number <= 0 || number > 24) {
      return null;
    }
    return switch ((number - 1) / 4) {
      case 0 -> "trace";
      case 1 -> "debug";
      case 2 -> "info";
      case 3 -> "warn";
      case 4 -> "error";
      default -> "critical";
    };
  }

  /** The level a severity text or level attribute names, or null when it names none. */
  static String ofText(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "trace", "trc" -> "trace";
      case "debug", "dbg" -> "debug";
      case "info", "inf", "information", "informational", "notice" -> "info";
      case "warn", "warning", "wrn" -> "warn";
      case "error", "err", "eror" -> "error";
      case "critical", "crit", "fatal", "panic", "emergency", "alert" -> "critical";
      default -> null;
    };
  }

  /** The level a {@code level=x} (logfmt) or {@code "level":"x"} (JSON) field of the line names. */
  static String ofLine(String line) {
    int at = line.indexOf("level");
    while (at >= 0) {
      int value = at + 5;
      if (value < line.length() && line.charAt(value) == '"') {
        value++;
      }
      if (value < line.length() && (line.charAt(value) == '=' || line.charAt(value) == ':')) {
        value++;
        while (value < line.length() && (line.charAt(value) == '"' || line.charAt(value) == ' ')) {
          value++;
        }
        int end = value;
        while (end < line.length() && Character.isLetter(line.charAt(end))) {
          end++;
        }
        String level = ofText(line.substring(value, end));
        if (level != null) {
          return level;
        }
      }
      at = line.indexOf("level", at + 5);
    }
    return null;
  }
}
