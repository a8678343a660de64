package dev.floe.query.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte search behind {@link StringColumn#contains} finds what {@link String#indexOf} finds. */
class StringSearchTest {
  @Test
  void findsTheFirstOccurrenceWithinTheRangeOnly() {
    byte[] bytes = "..abcabd--abd".getBytes(StandardCharsets.US_ASCII);
    byte[] needle = "abd".getBytes(StandardCharsets.US_ASCII);
    assertThat(StringColumn.indexOf(bytes, 0, bytes.length, needle)).isEqualTo(5);
    assertThat(StringColumn.indexOf(bytes, 6, bytes.length, needle)).isEqualTo(10);
    assertThat(StringColumn.indexOf(bytes, 0, 7, needle)).isEqualTo(-1);
    assertThat(StringColumn.indexOf(bytes, 3, 3, new byte[0])).isEqualTo(3);
  }

  @Test
  void agreesWithStringIndexOfOnRandomText() {
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      String text = randomText(random, random.nextInt(80));
      String needle = random.nextInt(4) == 0 && !text.isEmpty()
          ? text.substring(random.nextInt(text.length()))
          : randomText(random, 1 + random.nextInt(6));
      int from = text.isEmpty() ? 0 : random.nextInt(text.length());
      byte[] bytes = ("##" + text + "##").getBytes(StandardCharsets.US_ASCII);
      int expected = text.indexOf(needle, from);
      if (expected >= 0 && expected + needle.length() > text.length()) {
        expected = -1;
      }
      int found = StringColumn.indexOf(bytes, 2 + from, 2 + text.length(), needle.getBytes(StandardCharsets.US_ASCII));
      assertThat(found).as("'%s' in '%s' from %d", needle, text, from).isEqualTo(expected < 0 ? -1 : expected + 2);
    }
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(3)));
    }
    return text.toString();
  }
}
