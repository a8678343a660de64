package dev.floe.otlp;

/**
 * 64-bit fingerprints of canonical label sets.
 *
 * <p>The stream and series fingerprint columns hold {@link #fnv1a64(String)} of the canonical label
 * string. Files written years ago are sorted and looked up by these values, so the function is part of
 * the storage format and must never change.
 */
public final class Fingerprints {
  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fingerprints() {}

  /**
   * FNV-1a 64 of the UTF-8 bytes of {@code text}, the bytes {@code text.getBytes(UTF_8)} would give
   * (an unpaired surrogate counts as '?'), computed without encoding the string.
   */
  public static long fnv1a64(String text) {
    long hash = OFFSET_BASIS;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        hash = (hash ^ c) * PRIME;
      } else if (c < 0x800) {
        hash = (hash ^ (0xC0 | (c >>> 6))) * PRIME;
        hash = (hash ^ (0x80 | (c & 0x3F))) * PRIME;
      } else if (!Character.isSurrogate(c)) {
        hash = (hash ^ (0xE0 | (c >>> 12))) * PRIME;
        hash = (hash ^ (0x80 | ((c >>> 6) & 0x3F))) * PRIME;
        hash = (hash ^ (0x80 | (c & 0x3F))) * PRIME;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        hash = (hash ^ (0xF0 | (codePoint >>> 18))) * PRIME;
        hash = (hash ^ (0x80 | ((codePoint >>> 12) & 0x3F))) * PRIME;
        hash = (hash ^ (0x80 | ((codePoint >>> 6) & 0x3F))) * PRIME;
        hash = (hash ^ (0x80 | (codePoint & 0x3F))) * PRIME;
      } else {
        hash = (hash ^ '?') * PRIME;
      }
    }
    return hash;
  }

  /** FNV-1a 64 of {@code bytes}. */
  public static long fnv1a64(byte[] bytes) {
    long hash = OFFSET_BASIS;
    for (byte b : bytes) {
      hash = (hash ^ (b & 0xFF)) * PRIME;
    }
    return hash;
  }
}
