package dev.floe.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.lang.Labels;
import dev.floe.logql.LabelFilter;
import dev.floe.logql.LogqlParseException;
import dev.floe.logql.Stage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineTest {
  private static final Labels STREAM = Labels.of("app", "api", "env", "prod");

  @Test
  void withoutStagesEntriesPassUnchanged() {
    Labels metadata = Labels.of("trace_id", "abc");
    ProcessedEntry entry = Pipeline.compile(List.of()).process(1, "line", STREAM, metadata);
    assertThat(entry.line()).isEqualTo("line");
    assertThat(entry.stream()).isSameAs(STREAM);
    assertThat(entry.structuredMetadata()).isSameAs(metadata);
    assertThat(entry.parsed()).isEqualTo(Labels.EMPTY);
    assertThat(entry.value()).isNaN();
  }

  @Test
  void structuredMetadataNamedLikeAStreamLabelIsExtracted() {
    ProcessedEntry entry = Pipeline.compile(List.of())
        .process(1, "line", STREAM, Labels.of("app", "other", "trace_id", "abc"));
    assertThat(entry.structuredMetadata()).isEqualTo(Labels.of("app_extracted", "other", "trace_id", "abc"));
  }

  @Test
  void labelsAreCategorizedAsLokiReportsThem() {
    Pipeline pipeline = Pipelines.of("{app=\"api\"} | logfmt | trace_id=\"zzz\" | label_format application=app");
    ProcessedEntry entry = pipeline.process(1, "trace_id=zzz level=info", STREAM,
        Labels.of("trace_id", "abc", "pod", "p-1"));
    // Parsed labels hide metadata of the same name; a renamed stream label becomes a parsed one.
    assertThat(entry.stream()).isEqualTo(Labels.of("env", "prod"));
    assertThat(entry.structuredMetadata()).isEqualTo(Labels.of("pod", "p-1"));
    assertThat(entry.parsed()).isEqualTo(Labels.of("application", "api", "level", "info", "trace_id", "zzz"));
    assertThat(entry.labels()).isEqualTo(
        Labels.of("application", "api", "env", "prod", "level", "info", "pod", "p-1", "trace_id", "zzz"));
  }

  @Test
  void labelFiltersSeeStructuredMetadata() {
    Pipeline pipeline = Pipelines.of("{app=\"api\"} | pod=~\"p-.*\"");
    assertThat(pipeline.process(1, "x", STREAM, Labels.of("pod", "p-1"))).isNotNull();
    assertThat(pipeline.process(1, "x", STREAM, Labels.of("pod", "q-1"))).isNull();
  }

  @Test
  void statePassesFromLineToLineOnlyThroughDistinct() {
    Pipeline pipeline = Pipelines.of("{app=\"api\"} | json | level=\"error\"");
    assertThat(pipeline.process(1, "{\"level\": \"error\", \"x\": 1}", STREAM, Labels.EMPTY).parsed())
        .isEqualTo(Labels.of("level", "error", "x", "1"));
    assertThat(pipeline.process(2, "{\"level\": \"info\"}", STREAM, Labels.EMPTY)).isNull();
    assertThat(pipeline.process(3, "{\"level\": \"error\"}", Labels.of("app", "web"), Labels.EMPTY).parsed())
        .isEqualTo(Labels.of("level", "error"));
  }

  static Stream<Arguments> invalidStages() {
    return Stream.of(
        Arguments.of(new Stage.LineFilter(Stage.LineFilterOp.REGEX, List.of(new Stage.LineMatch("a(b", false))),
            "parse error : error parsing regexp: missing closing ): `a(b`"),
        Arguments.of(new Stage.Regexp("[a-"), "parse error : error parsing regexp: missing closing ]: `[a-`"),
        Arguments.of(new Stage.Regexp("(\\d+)"), "parse error : at least one named capture must be supplied"),
        // Go accepts a repeated group name and Loki then rejects the label; RE2/J rejects the expression.
        Arguments.of(new Stage.Regexp("(?P<a>x)(?P<a>y)"),
            "parse error : error parsing regexp: duplicate capture group name: `a`"),
        Arguments.of(new Stage.PatternParser("<_> foo"), "parse error : at least one capture is required"),
        Arguments.of(new Stage.PatternParser("<a><b>"),
            "parse error : found consecutive capture '<a><b>': invalid expression"),
        Arguments.of(new Stage.LineFilter(Stage.LineFilterOp.PATTERN, List.of(new Stage.LineMatch("<a> x", false))),
            "parse error : named captures are not allowed"),
        Arguments.of(new Stage.PatternParser("<a> <a>"), "parse error : duplicate capture name (a): invalid expression"),
        Arguments.of(new Stage.LineFilter(Stage.LineFilterOp.CONTAINS, List.of(new Stage.LineMatch("300.1.1.1", true))),
            "parse error : ip: invalid pattern: \"300.1.1.1\""),
        Arguments.of(new Stage.LabelFilterStage(new LabelFilter.IpFilter("addr", false, "10.0.0.0/33")),
            "parse error : ip: invalid pattern: \"10.0.0.0/33\""),
        Arguments.of(new Stage.Json(List.of(new Stage.Extraction("a", "b..c"))),
            "parse error : cannot parse expression [b..c]"),
        Arguments.of(new Stage.LineFormat("{{.a"), "parse error : invalid line template: "),
        Arguments.of(new Stage.LabelFormat(List.of(new Stage.LabelFormatItem("a", "{{.b", true))),
            "parse error : invalid template for label 'a': "),
        Arguments.of(new Stage.LabelFormat(List.of(
                new Stage.LabelFormatItem("a", "b", false), new Stage.LabelFormatItem("a", "c", false))),
            "parse error : multiple label name 'a' not allowed in a single format operation"),
        Arguments.of(new Stage.LabelFormat(List.of(new Stage.LabelFormatItem("__error__", "b", false))),
            "parse error : __error__ cannot be formatted"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidStages")
  void invalidStagesFailAtCompile(Stage stage, String message) {
    assertThatThrownBy(() -> Pipeline.compile(List.of(stage)))
        .isInstanceOf(LogqlParseException.class)
        .hasMessageStartingWith(message);
  }
}
