package dev.floe.query.api.tempo;

import dev.floe.query.api.BadRequestException;

/** Trace ids as Tempo's API spells them: hex, up to 32 digits, shorter ones left-padded with zeros. */
final class TraceIds {
  private static final int BYTES = 16;

  private TraceIds() {}

  /** @throws BadRequestException if {@code hex} is empty, too long or not hex */
  static byte[] parse(String hex) {
    if (hex == null || hex.isEmpty() || hex.length() > BYTES * 2) {
      throw new BadRequestException(
          "invalid trace id '" + hex + "': expected 1 to " + BYTES * 2 + " hex digits");
    }
    byte[] id = new byte[BYTES];
    int offset = BYTES * 2 - hex.length();
    for (int i = 0; i < hex.length(); i++) {
      int digit = Character.digit(hex.charAt(i), 16);
      if (digit < 0) {
        throw new BadRequestException("invalid trace id '" + hex + "': '" + hex.charAt(i) + "' is not a hex digit");
      }
      int nibble = offset + i;
      id[nibble / 2] |= (byte) (nibble % 2 == 0 ? digit << 4 : digit);
    }
    return id;
  }
}
