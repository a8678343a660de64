package dev.floe.lang;

import dev.floe.lang.GoStrings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quoting as Go's {@code strconv.Quote} documents it. */
class GoStringsTest {

  @Test
  void escapesWhatGoEscapesAndKeepsPrintableText() {
    assertThat(GoStrings.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(GoStrings.quote("\n\r\t\u0007\b\f\u000b")).isEqualTo("\"\\n\\r\\t\\a\\b\\f\\v\"");
    assertThat(GoStrings.quote("\u0001\u007f")).isEqualTo("\"\\x01\\x7f\"");
    assertThat(GoStrings.quote("\u200b")).isEqualTo("\"\\u200b\"");
    assertThat(GoStrings.quote("é ☺ \uD83D\uDE00")).isEqualTo("\"é ☺ \uD83D\uDE00\"");
  }

  @Test
  void unescapesGoSequences() {
    StringBuilder out = new StringBuilder();
    String input = "n\\u00e9x41U0001F600\"";
    int pos = GoStrings.unescape(input, 0, out);
    pos = GoStrings.unescape(input, pos, out);
    pos = GoStrings.unescape(input, pos, out);
    pos = GoStrings.unescape(input, pos, out);
    pos = GoStrings.unescape(input, pos, out);
    pos = GoStrings.unescape(input, pos, out);
    assertThat(out.toString()).isEqualTo("\n\\éA\uD83D\uDE00\"");
    assertThat(pos).isEqualTo(input.length());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoStrings.unescape("q", 0, new StringBuilder()))
        .hasMessage("invalid syntax: unknown escape sequence \\q");
  }

  @Test
  void formatsFloatsAsShortestDecimalsWithoutExponents() {
    assertThat(GoStrings.formatFloat(2)).isEqualTo("2");
    assertThat(GoStrings.formatFloat(0.1)).isEqualTo("0.1");
    assertThat(GoStrings.formatFloat(1e-7)).isEqualTo("0.0000001");
    assertThat(GoStrings.formatFloat(1e21)).isEqualTo("1000000000000000000000");
    assertThat(GoStrings.formatFloat(-2.5)).isEqualTo("-2.5");
    assertThat(GoStrings.formatFloat(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoStrings.formatFloat(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(GoStrings.formatFloat(Double.NaN)).isEqualTo("NaN");
  }
}
