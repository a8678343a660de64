package dev.floe.query.api.tempo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Tag names in URL paths: Grafana encodes them twice in some versions, so a name is decoded until plain. */
final class TagNames {
  private TagNames() {}

  static String decode(String name) {
    String current = name;
    for (int round = 0; round < 2 && current.matches(".*%[0-9A-Fa-f]{2}.*"); round++) {
      current = percentDecode(current);
    }
    return current;
  }

  /** Decodes {@code %XX} escapes only; unlike form decoding, {@code +} stays a plus. */
  private static String percentDecode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()
          && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
