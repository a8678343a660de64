package dev.floe.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

  @Test
  void matchesPublishedFnv1a64Vectors() {
    assertThat(Fingerprints.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(Fingerprints.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(Fingerprints.fnv1a64("foobar")).isEqualTo(0x85944171f73967e8L);
    assertThat(Fingerprints.fnv1a64(new byte[0])).isEqualTo(0xcbf29ce484222325L);
    assertThat(Fingerprints.fnv1a64("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void hashesTheUtf8BytesOfAnyString() {
    String[] samples = {
      "{service_name=\"api\"}", "é", "€uro", "日本語", "emoji 😀 here", "\u0000", "\uFFFF", "lone \uD800 high",
      "lone \uDC00 low", "\uD83D", "end high \uD83D", "\uDBFF\uDFFF"
    };
    for (String sample : samples) {
      assertThat(Fingerprints.fnv1a64(sample))
          .as(sample)
          .isEqualTo(Fingerprints.fnv1a64(sample.getBytes(StandardCharsets.UTF_8)));
    }
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      char[] chars = new char[random.nextInt(12)];
      for (int c = 0; c < chars.length; c++) {
        // Mostly ranges around the 1-, 2-, 3-byte and surrogate boundaries.
        int[] bases = {0x00, 0x70, 0x7F0, 0xD7F0, 0xDBF0, 0xDFF0, 0xFFF0};
        chars[c] = (char) (bases[random.nextInt(bases.length)] + random.nextInt(32));
      }
      String text = new String(chars);
      assertThat(Fingerprints.fnv1a64(text)).isEqualTo(Fingerprints.fnv1a64(text.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
