package dev.floe.logql.pipeline;

import dev.floe.lang.Durations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelFilterStageTest {

  static Stream<Arguments> filters() {
    return Stream.of(
        // String matchers; a missing label compares as the empty string; regexes match the whole value.
        Arguments.of("level=\"error\"", "level=error", true),
        Arguments.of("level!=\"error\"", "level=error", false),
        Arguments.of("level=~\"err|warn\"", "level=warn", true),
        Arguments.of("level=~\"err\"", "level=error", false),
        Arguments.of("level!~\"debug|info\"", "level=error", true),
        Arguments.of("missing=\"\"", "level=error", true),
        Arguments.of("missing!=\"\"", "level=error", false),
        Arguments.of("app=\"a\"", "level=error", true),
        // Numbers.
        Arguments.of("status >= 400", "status=404", true),
        Arguments.of("status >= 400", "status=200", false),
        Arguments.of("status == 200", "status=200.0", true),
        Arguments.of("status != 200", "status=201", true),
        Arguments.of("ratio < 0.5", "ratio=1e-3", true),
        Arguments.of("status > 400", "level=error", false),
        // Durations, read as Go durations.
        Arguments.of("duration > 10s", "duration=1m30s", true),
        Arguments.of("duration > 10s", "duration=9.5s", false),
        Arguments.of("duration >= 250ms", "duration=250000us", true),
        Arguments.of("duration <= 1h", "duration=61m", false),
        // Bytes: SI and IEC units.
        Arguments.of("size > 20MB", "size=21MB", true),
        Arguments.of("size > 20MB", "size=19MiB", false),
        Arguments.of("size == 5KiB", "size=5120", true),
        Arguments.of("size < 1KB", "size=1001B", false),
        Arguments.of("size > 1kb", "size=1,024", true),
        // ip(): address, prefix or range.
        Arguments.of("addr = ip(\"192.168.0.0/16\")", "addr=192.168.4.5", true),
        Arguments.of("addr = ip(\"2001:db8::1-2001:db8::8\")", "addr=2001:db8::9", false),
        Arguments.of("addr != ip(\"192.168.0.0/16\")", "addr=10.0.0.1", true),
        Arguments.of("addr = ip(\"192.168.0.0/16\")", "level=info", false),
        // and binds tighter than or; a comma or a space means and.
        Arguments.of("duration >= 20ms or method=\"GET\" and size <= 20KB", "duration=1ms method=GET size=2KB", true),
        Arguments.of("duration >= 20ms or method=\"GET\" and size <= 20KB", "duration=1ms method=GET size=30KB", false),
        Arguments.of("duration >= 20ms or method=\"GET\" and size <= 20KB", "duration=30ms method=POST size=30KB", true),
        Arguments.of("(duration >= 20ms or method=\"GET\") and size <= 20KB", "duration=30ms method=POST size=30KB", false),
        Arguments.of("method=\"GET\", status=200", "method=GET status=200", true),
        Arguments.of("method=\"GET\" status=200", "method=GET status=500", false));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("filters")
  void filtersOnLabels(String filter, String line, boolean kept) {
    ProcessedEntry entry = Pipelines.run("{app=\"a\"} | logfmt | " + filter, "{app=\"a\"}", line);
    assertThat(entry != null).isEqualTo(kept);
    if (entry != null) {
      assertThat(entry.parsed().has("__error__")).isFalse();
    }
  }

  static Stream<Arguments> conversionErrors() {
    return Stream.of(
        Arguments.of("status >= 400", "status=abc", "strconv.ParseFloat: parsing \"abc\": invalid syntax"),
        Arguments.of("duration > 1s", "duration=5", "time: missing unit in duration \"5\""),
        Arguments.of("duration > 1s", "duration=5d", "time: unknown unit \"d\" in duration \"5d\""),
        Arguments.of("size > 1KB", "size=5XB", "unhandled size name: xb"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("conversionErrors")
  void keepsLinesWhoseValueDoesNotConvertWithAnError(String filter, String line, String details) {
    ProcessedEntry entry = Pipelines.run("{app=\"a\"} | logfmt | " + filter, "{app=\"a\"}", line);
    assertThat(entry).isNotNull();
    assertThat(entry.parsed().get("__error__")).isEqualTo("LabelFilterErr");
    assertThat(entry.parsed().get("__error_details__")).isEqualTo(details);
    assertThat(Pipelines.run("{app=\"a\"} | logfmt | " + filter + " | __error__=\"\"", "{app=\"a\"}", line)).isNull();
  }

  static Stream<Arguments> afterErrors() {
    return Stream.of(
        // Once a line has an error only string matchers can drop it.
        Arguments.of("| json | status > 400", true),
        Arguments.of("| json | addr = ip(\"10.0.0.0/8\")", true),
        Arguments.of("| json | level=\"error\"", false),
        Arguments.of("| json | __error__=\"JSONParserErr\"", true),
        Arguments.of("| json | __error__!=\"JSONParserErr\"", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("afterErrors")
  void onlyStringMatchersDropLinesWithErrors(String stages, boolean kept) {
    ProcessedEntry entry = Pipelines.run("{app=\"a\"} " + stages, "{app=\"a\"}", "not json");
    assertThat(entry != null).isEqualTo(kept);
  }
}
