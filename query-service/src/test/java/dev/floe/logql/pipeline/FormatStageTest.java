package dev.floe.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormatStageTest {
  // The example of Loki's documentation that reformats a logfmt line and parses the result again.
  private static final String DOCS_LINE = "level=debug ts=2020-10-02T10:10:42.092268913Z caller=logging.go:66 "
      + "traceID=a9d4d8a928d8db1 msg=\"POST /api/prom/api/v1/query_range (200) 1.603734ms\"";

  static Stream<Arguments> lineFormats() {
    return Stream.of(
        Arguments.of("| logfmt | line_format \"{{.query}} {{.duration}}\"",
            "query=\"sum(rate(x[1m]))\" duration=1.5s", "sum(rate(x[1m])) 1.5s"),
        Arguments.of("| logfmt | line_format \"[{{.missing}}]\"", "a=1", "[]"),
        Arguments.of("| logfmt | line_format \"{{.level}}: {{__line__}}\"", "level=info", "info: level=info"),
        Arguments.of("| logfmt | line_format \"{{.app}}/{{.app_extracted}}\"", "app=web", "a/web"),
        Arguments.of("| json | line_format \"{{.__error__}}\"", "not json", "JSONParserErr"),
        Arguments.of("| logfmt | label_format lvl=level | line_format \"{{.lvl}}{{.level}}\"", "level=warn", "warn"),
        Arguments.of("| line_format \"{{ __timestamp__ | unixEpochNanos }}\"", "x", String.valueOf(Pipelines.TIMESTAMP)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("lineFormats")
  void lineFormatRendersTheLine(String stages, String line, String expected) {
    assertThat(Pipelines.run("{app=\"a\"} " + stages, "{app=\"a\"}", line).line()).isEqualTo(expected);
  }

  @Test
  void aFormattedLineCanBeParsedAgain() {
    ProcessedEntry entry = Pipelines.run("{app=\"a\"} | logfmt | line_format \"{{.msg}}\" | regexp "
            + "\"(?P<method>\\\\w+) (?P<path>[\\\\w|/]+) \\\\((?P<status>\\\\d+?)\\\\) (?P<duration>.*)\"",
        "{app=\"a\"}", DOCS_LINE);
    assertThat(entry.line()).isEqualTo("POST /api/prom/api/v1/query_range (200) 1.603734ms");
    assertThat(entry.parsed().toString()).isEqualTo("{caller=\"logging.go:66\", duration=\"1.603734ms\", "
        + "level=\"debug\", method=\"POST\", msg=\"POST /api/prom/api/v1/query_range (200) 1.603734ms\", "
        + "path=\"/api/prom/api/v1/query_range\", status=\"200\", traceID=\"a9d4d8a928d8db1\", "
        + "ts=\"2020-10-02T10:10:42.092268913Z\"}");
  }

  static Stream<Arguments> labelFormats() {
    return Stream.of(
        // Renames move the value; the source label goes.
        Arguments.of("| logfmt | label_format severity=level", "level=error", "{app=\"a\", severity=\"error\"}"),
        Arguments.of("| label_format application=app", "x", "{application=\"a\"}"),
        Arguments.of("| logfmt | label_format severity=nope", "level=error", "{app=\"a\", level=\"error\"}"),
        // Templates.
        Arguments.of("| logfmt | label_format summary=\"{{.method}} {{.status}}\"", "method=GET status=200",
            "{app=\"a\", method=\"GET\", status=\"200\", summary=\"GET 200\"}"),
        Arguments.of("| logfmt | label_format app=\"{{.app}}-{{.env}}\"", "env=dev", "{app=\"a-dev\", env=\"dev\"}"),
        // Every template of a stage sees the labels as they were when the first one ran.
        Arguments.of("| logfmt | label_format a=\"x\", b=\"{{.a}}\"", "a=1", "{a=\"x\", app=\"a\", b=\"1\"}"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("labelFormats")
  void labelFormatRenamesAndRenders(String stages, String line, String expected) {
    assertThat(Pipelines.labels("{app=\"a\"} " + stages, "{app=\"a\"}", line)).isEqualTo(expected);
  }

  @Test
  void aTemplateThatFailsKeepsTheLineWithAnError() {
    ProcessedEntry entry = Pipelines.run("{app=\"a\"} | line_format `{{ eq 1 \"a\" }}`", "{app=\"a\"}", "original");
    assertThat(entry.line()).isEqualTo("original");
    assertThat(entry.parsed().get("__error__")).isEqualTo("TemplateFormatErr");
    assertThat(entry.parsed().get("__error_details__")).contains("incompatible types for comparison");

    ProcessedEntry labelled =
        Pipelines.run("{app=\"a\"} | label_format x=`{{ eq 1 \"a\" }}`", "{app=\"a\"}", "original");
    assertThat(labelled.labels().toString()).startsWith("{__error__=\"TemplateFormatErr\", __error_details__=");
    assertThat(labelled.labels().has("x")).isFalse();
  }
}
