package dev.floe.otlp;

/**
 * UTF-8 lengths of Java strings without encoding them: limits and Loki's byte counts are in UTF-8
 * bytes, Java strings hold UTF-16. An unpaired surrogate counts one byte, the '?' that Java's and
 * Parquet's encoders write for it. Also the short form in which a refusal quotes an over-long text.
 */
public final class Utf8 {
  private static final int PREVIEW_CHARS = 64;

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

  /** Whether {@code text} is more than {@code maxBytes} long in UTF-8, counting only when it can be. */
  public static boolean longerThan(String text, int maxBytes) {
    int length = text.length();
    // A UTF-16 unit is 1 to 3 UTF-8 bytes; only the band in between needs the exact count.
    if (length <= maxBytes / 3) {
      return false;
    }
    return length > maxBytes || length(text) > maxBytes;
  }

  /**
   * The first 64 characters of {@code text}, followed by "..." when it is longer: how a refusal names
   * an over-long key without echoing it back whole.
   */
  public static String abbreviate(String text) {
    if (text.length() <= PREVIEW_CHARS) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(PREVIEW_CHARS - 1)) ? PREVIEW_CHARS - 1 : PREVIEW_CHARS;
    return text.substring(0, end) + "...";
  }
}
