package dev.floe.logql.pipeline;

/**
 * Interns the keys parsers read, looked up by their place in the line: a line's keys repeat from line to
 * line, so this spares a new string (and hashing it again) for each of them.
 */
final class KeyTable {
  private static final int CAPACITY = 1024;
  private static final int MAX_KEY_LENGTH = 64;

  private final String[] keys = new String[CAPACITY];

  /** {@code text.substring(start, end)}, the same instance as the last time these characters were seen. */
  String key(String text, int start, int end) {
    int length = end - start;
    if (length > MAX_KEY_LENGTH) {
      return text.substring(start, end);
    }
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + text.charAt(i);
    }
    int slot = (hash ^ (hash >>> 16)) & (CAPACITY - 1);
    String known = keys[slot];
    if (known != null && known.length() == length && text.regionMatches(start, known, 0, length)) {
      return known;
    }
    String key = text.substring(start, end);
    keys[slot] = key;
    return key;
  }
}
