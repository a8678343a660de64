package dev.floe.logql.pipeline;

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
    trimmed.codePoints().forEach(c -> name.append(isNameChar(c) ? (char) c : '_'));
    return name;
  }

  static String sanitize(String key) {
    if (isValid(key)) {
      return key;
    }
    return appendSanitized(new StringBuilder(key.length() + 1), key).toString();
  }

  /** Whether {@code name} is a valid Prometheus label name. */
  static boolean isValid(String name) {
    if (name.isEmpty() || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
      return false;
    }
    return name.chars().allMatch(LabelNames::isNameChar);
  }

  private static boolean isNameChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
