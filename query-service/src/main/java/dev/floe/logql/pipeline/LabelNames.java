package dev.floe.logql.pipeline;

import dev.floe.lang.Labels;

/** Turns keys found in log lines into valid label names, as Loki's parsers do. */
final class LabelNames {
  private LabelNames() {}

  /**
   * Appends {@code key} to {@code name} trimmed, with every character outside {@code [a-zA-Z0-9_]}
   * replaced by {@code _}, and a {@code _} first when the name would start with a digit.
   */
  static StringBuilder appendSanitized(StringBuilder name, String key) {
    String trimmed = key.strip();
    if (trimmed.isEmpty()) {
      return name;
    }
    if (name.length() == 0 && trimmed.charAt(0) >= '0' && trimmed.charAt(0) <= '9') {
      name.append('_');
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      name.append(isNameChar(c) ? c : '_');
      // A character outside the BMP becomes one underscore, as Go maps it by rune.
      if (Character.isHighSurrogate(c) && i + 1 < trimmed.length() && Character.isLowSurrogate(trimmed.charAt(i + 1))) {
        i++;
      }
    }
    return name;
  }

  static String sanitize(String key) {
    if (Labels.isLegacyName(key)) {
      return key;
    }
    return appendSanitized(new StringBuilder(key.length() + 1), key).toString();
  }

  private static boolean isNameChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
