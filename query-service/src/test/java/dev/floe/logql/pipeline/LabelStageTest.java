package dev.floe.logql.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelStageTest {
  private static final String GET = "{\"level\": \"info\", \"method\": \"GET\", \"path\": \"/\", \"host\": \"grafana.net\", \"status\": \"200\"}";
  private static final String POST = "{\"level\": \"info\", \"method\": \"POST\", \"path\": \"/\", \"host\": \"grafana.net\", \"status\": \"200\"}";

  static Stream<Arguments> selections() {
    return Stream.of(
        // Loki's documentation examples for keep and drop.
        Arguments.of("| json | keep level, method=\"GET\"", GET, "{level=\"info\", method=\"GET\"}"),
        Arguments.of("| json | keep level, method=\"GET\"", POST, "{level=\"info\"}"),
        Arguments.of("| json | drop level, method=\"GET\"", GET,
            "{host=\"grafana.net\", job=\"varlogs\", path=\"/\", status=\"200\"}"),
        Arguments.of("| json | drop level, method=\"GET\"", POST,
            "{host=\"grafana.net\", job=\"varlogs\", method=\"POST\", path=\"/\", status=\"200\"}"),
        Arguments.of("| json | drop level, path, app", POST,
            "{host=\"grafana.net\", job=\"varlogs\", method=\"POST\", status=\"200\"}"),
        Arguments.of("| json | drop host=~\"grafana.*\", job", GET,
            "{level=\"info\", method=\"GET\", path=\"/\", status=\"200\"}"),
        // Error labels survive keep, and drop removes them when named.
        Arguments.of("| json | keep job", "oops", "{__error__=\"JSONParserErr\", "
            + "__error_details__=\"Value looks like object, but can't find closing '}' symbol\", job=\"varlogs\"}"),
        Arguments.of("| json | drop __error__", "oops",
            "{__error_details__=\"Value looks like object, but can't find closing '}' symbol\", job=\"varlogs\"}"),
        Arguments.of("| json | drop __error__, __error_details__", "oops", "{job=\"varlogs\"}"),
        Arguments.of("| json | drop __error__=\"LogfmtParserErr\", __error_details__", "oops",
            "{__error__=\"JSONParserErr\", job=\"varlogs\"}"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("selections")
  void keepsAndDropsLabels(String stages, String line, String expected) {
    assertThat(Pipelines.labels("{job=\"varlogs\"} " + stages, "{job=\"varlogs\"}", line)).isEqualTo(expected);
  }

  @Test
  void distinctKeepsTheFirstLineOfEachCombination() {
    Pipeline pipeline = Pipelines.of("{job=\"varlogs\"} | json | distinct id");
    List<String> kept = new ArrayList<>();
    String[] lines = {
      "{\"event\": \"access\", \"id\": \"1\", \"time\": \"10:00\"}",
      "{\"event\": \"access\", \"id\": \"2\", \"time\": \"10:01\"}",
      "{\"event\": \"access\", \"id\": \"1\", \"time\": \"10:02\"}",
      "{\"event\": \"no id\"}",
      "{\"event\": \"no id\"}",
      "{\"event\": \"access\", \"id\": \"2\", \"time\": \"10:03\"}",
      "{\"event\": \"access\", \"id\": \"3\", \"time\": \"10:04\"}"
    };
    for (String line : lines) {
      if (pipeline.process(Pipelines.TIMESTAMP, line, Labels.of("job", "varlogs"), Labels.EMPTY) != null) {
        kept.add(line);
      }
    }
    assertThat(kept).containsExactly(lines[0], lines[1], lines[3], lines[4], lines[6]);
  }

  @Test
  void distinctOnSeveralLabelsDropsARepeatOfAnyOfThem() {
    Pipeline pipeline = Pipelines.of("{job=\"varlogs\"} | logfmt | distinct a, b");
    // "a=2 b=1" repeats b; its a=2 is remembered all the same, so "a=2 b=3" repeats a.
    assertThat(Stream.of("a=1 b=1", "a=1 b=2", "a=2 b=1", "a=2 b=3", "a=3 b=3", "a=4 b=4", "b=5")
            .filter(line -> pipeline.process(0, line, Labels.of("job", "varlogs"), Labels.EMPTY) != null))
        .containsExactly("a=1 b=1", "a=3 b=3", "a=4 b=4", "b=5");
  }

  static Stream<Arguments> colours() {
    return Stream.of(
        Arguments.of("\u001b[31mERROR\u001b[0m disk full", "ERROR disk full"),
        Arguments.of("\u001b[1;32mok\u001b[0m \u001b[38;5;208morange\u001b[m", "ok orange"),
        Arguments.of("\u001b]0;title\u0007text", "text"),
        Arguments.of("plain line", "plain line"));
  }

  @ParameterizedTest
  @MethodSource("colours")
  void decolorizeStripsAnsiSequences(String line, String expected) {
    assertThat(Pipelines.run("{job=\"varlogs\"} | decolorize", "{job=\"varlogs\"}", line).line()).isEqualTo(expected);
  }

  static Stream<Arguments> unwraps() {
    return Stream.of(
        Arguments.of("| logfmt | unwrap latency", "latency=0.25 path=/", 0.25, "{job=\"varlogs\", latency=\"0.25\", path=\"/\"}"),
        Arguments.of("| logfmt | unwrap latency", "latency=1e3", 1000.0, "{job=\"varlogs\", latency=\"1e3\"}"),
        Arguments.of("| logfmt | unwrap duration(took)", "took=1m30s", 90.0, "{job=\"varlogs\", took=\"1m30s\"}"),
        Arguments.of("| logfmt | unwrap duration_seconds(took)", "took=250ms", 0.25, "{job=\"varlogs\", took=\"250ms\"}"),
        Arguments.of("| logfmt | unwrap bytes(size)", "size=5KiB", 5120.0, "{job=\"varlogs\", size=\"5KiB\"}"),
        Arguments.of("| logfmt | unwrap bytes(size)", "size=20MB", 20e6, "{job=\"varlogs\", size=\"20MB\"}"),
        Arguments.of("| logfmt | unwrap latency", "latency=fast", 0.0,
            "{__error__=\"SampleExtractionErr\", __error_details__=\"strconv.ParseFloat: parsing \\\"fast\\\": invalid syntax\", "
                + "job=\"varlogs\", latency=\"fast\"}"),
        Arguments.of("| logfmt | unwrap duration(took)", "took=5", 0.0,
            "{__error__=\"SampleExtractionErr\", __error_details__=\"time: missing unit in duration \\\"5\\\"\", "
                + "job=\"varlogs\", took=\"5\"}"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("unwraps")
  void unwrapExtractsTheSample(String stages, String line, double value, String labels) {
    ProcessedEntry entry = Pipelines.run(overTime(stages), "{job=\"varlogs\"}", line);
    assertThat(entry.value()).isEqualTo(value);
    assertThat(entry.labels().toString()).isEqualTo(labels);
  }

  @Test
  void unwrapDropsLinesWithoutTheLabelAndFiltersAfterwards() {
    assertThat(Pipelines.run(overTime("| logfmt | unwrap latency"), "{job=\"varlogs\"}", "path=/")).isNull();
    assertThat(Pipelines.run(overTime("| logfmt | unwrap latency | __error__=\"\""), "{job=\"varlogs\"}",
        "latency=slow")).isNull();
    assertThat(Pipelines.run(overTime("| logfmt | unwrap latency"), "{job=\"varlogs\"}", "latency=1")
        .value()).isEqualTo(1.0);
    assertThat(Pipelines.run("{job=\"varlogs\"} | logfmt", "{job=\"varlogs\"}", "latency=1").value()).isNaN();
  }

  private static String overTime(String stages) {
    return "sum_over_time({job=\"varlogs\"} " + stages + " [1m])";
  }
}
