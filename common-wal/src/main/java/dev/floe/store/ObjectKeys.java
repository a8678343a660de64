package dev.floe.store;

import java.util.Comparator;

/** Key validation and key order shared by the object store implementations. */
final class ObjectKeys {

  /**
   * Ascending order of the keys' UTF-8 bytes, the order S3 lists in. Code point order is the same
   * order; plain {@link String#compareTo} is not, for characters outside the Basic Multilingual
   * Plane.
   */
  static final Comparator<String> ORDER = ObjectKeys::compare;

  private ObjectKeys() {}

  /**
   * Checks that {@code key} is a relative '/'-separated path with no empty, "." or ".." segments.
   *
   * @throws IllegalArgumentException naming the key if it is not
   */
  static String checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("Invalid object key: empty");
    }
    if (key.endsWith("/")) {
      throw invalid(key, "ends with '/'");
    }
    checkSegments(key, key);
    return key;
  }

  /** Checks a listing prefix: like a key, but it may be empty or end with '/'. */
  static String checkPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    String segments = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (segments.isEmpty()) {
      throw invalid(prefix, "starts with '/'");
    }
    checkSegments(prefix, segments);
    return prefix;
  }

  /** Whether every key that starts with {@code keyPrefix} sorts at or before {@code bound}. */
  static boolean allAtOrBefore(String keyPrefix, String bound) {
    return compare(keyPrefix, bound) < 0 && !bound.startsWith(keyPrefix);
  }

  static int compare(String left, String right) {
    int length = Math.min(left.length(), right.length());
    for (int i = 0; i < length; i++) {
      char a = left.charAt(i);
      char b = right.charAt(i);
      if (a != b) {
        // Surrogates encode code points above U+FFFF and so sort after every other char in UTF-8.
        if (Character.isSurrogate(a) != Character.isSurrogate(b)) {
          return Character.isSurrogate(a) ? 1 : -1;
        }
        return a - b;
      }
    }
    return left.length() - right.length();
  }

  private static void checkSegments(String key, String path) {
    if (path.startsWith("/")) {
      throw invalid(key, "starts with '/'");
    }
    if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      throw invalid(key, "contains '\\' or NUL");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw invalid(key, "has an empty, '.' or '..' segment");
      }
    }
  }

  private static IllegalArgumentException invalid(String key, String reason) {
    return new IllegalArgumentException("Invalid object key '" + key + "': " + reason);
  }
}
