package dev.floe.otlp;

/**
 * UTF-8 lengths of Java strings without encoding them: limits and Loki's byte counts are in UTF-8
 * bytes, Java strings hold UTF-16. An unpaired surrogate counts one byte, the '?' that Java's and
 * Parquet's encoders write for it.
 */
public final class Utf8 {
  private Utf8() {}

  public static int length(String text) {
    int bytes = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return bytes;
  }
}
