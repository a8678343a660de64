package dev.floe.logql;

import java.util.Set;

/** Words with a meaning of their own in LogQL; Loki's lexer reports them by name in syntax errors. */
final class Keywords {
  private static final Set<String> KEYWORDS =
      Set.of(
          "by", "without", "bool", "on", "ignoring", "group_left", "group_right", "offset", "or", "and",
          "unless", "json", "logfmt", "regexp", "pattern", "unpack", "line_format", "label_format", "keep",
          "drop", "decolorize", "distinct", "unwrap", "ip", "vector", "label_replace", "duration",
          "duration_seconds", "bytes");

  private Keywords() {}

  static boolean isKeyword(String word) {
    return KEYWORDS.contains(word)
        || RangeOp.byName(word) != null
        || VectorOp.byName(word) != null;
  }
}
