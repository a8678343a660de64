package dev.floe.maintain.lifecycle;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Compares file locations written in the different forms that catalogs, file IOs and listings use
 * for the same file: {@code file:/x}, {@code file:///x} and {@code /x}; {@code s3://}, {@code s3a://}
 * and {@code s3n://}; repeated slashes. Two locations of one file always get the same key; two
 * different files may share a key only in odd cases (two S3 keys that differ in slashes), which
 * errs on the side of keeping files.
 */
final class Locations {
  private Locations() {}

  /** The location as {@code scheme://authority/path}, with equivalent schemes and slashes folded. */
  static String key(String location) {
    int colon = location.indexOf(':');
    int slash = location.indexOf('/');
    if (colon < 0 || (slash >= 0 && slash < colon)) {
      return "file://" + localPath(Path.of(location));
    }
    String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return "file://" + localPath(Path.of(URI.create(location.replace(" ", "%20"))));
    }
    if (scheme.equals("s3a") || scheme.equals("s3n")) {
      scheme = "s3";
    }
    String rest = location.substring(colon + 1);
    String authority = "";
    if (rest.startsWith("//")) {
      int end = rest.indexOf('/', 2);
      authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
      rest = end < 0 ? "" : rest.substring(end);
    }
    return scheme + "://" + authority + collapseSlashes(rest);
  }

  /** The key of {@code location} as a folder: ending in exactly one slash. */
  static String folderKey(String location) {
    String key = key(location);
    return key.endsWith("/") ? key : key + "/";
  }

  /** Whether {@code location} is {@code folder} itself or anything below it. */
  static boolean isAtOrBelow(String location, String folder) {
    return folderKey(location).startsWith(folderKey(folder));
  }

  private static String localPath(Path path) {
    return collapseSlashes(path.toAbsolutePath().normalize().toString());
  }

  private static String collapseSlashes(String path) {
    return path.replaceAll("/{2,}", "/");
  }
}
