package dev.floe.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSetsTest {

  @Test
  void formatsSortedPrometheusText() {
    Map<String, String> labels = new HashMap<>();
    labels.put("service_name", "api");
    labels.put("k8s_namespace_name", "prod");
    assertThat(LabelSets.format(labels)).isEqualTo("{k8s_namespace_name=\"prod\", service_name=\"api\"}");
    assertThat(LabelSets.format(Map.of())).isEqualTo("{}");
  }

  @Test
  void escapesBackslashQuoteAndNewline() {
    assertThat(LabelSets.format(Map.of("a", "x\\y\"z\nw")))
        .isEqualTo("{a=\"x\\\\y\\\"z\\nw\"}");
  }

  @Test
  void sortsByCodePointLikePrometheus() {
    Map<String, String> labels = new HashMap<>();
    labels.put("__name__", "m");
    labels.put("Zone", "z");
    labels.put("a", "1");
    labels.put("\uFF21", "fullwidth A");
    labels.put("\uD83D\uDE00", "emoji");
    // Upper case sorts before '_', and a supplementary character after U+FF21 although its
    // first UTF-16 unit is smaller.
    assertThat(LabelSets.format(labels))
        .isEqualTo("{Zone=\"z\", __name__=\"m\", a=\"1\", \uFF21=\"fullwidth A\", \uD83D\uDE00=\"emoji\"}");
  }

  @Test
  void parsesWhatItFormats() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("", "empty key");
    labels.put("a=\"b", "=\"");
    labels.put("back\\slash\\", "\\");
    labels.put("k", "");
    labels.put("nl", "line1\nline2\"");
    labels.put("resource.service.name", "checkout, v2}");
    String text = LabelSets.format(labels);
    assertThat(LabelSets.parse(text)).isEqualTo(labels);
    assertThat(LabelSets.parse("{}")).isEmpty();
    assertThat(LabelSets.parse("{a=\"1\", b=\"2\"}")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void parseRejectsMalformedText() {
    assertThatThrownBy(() -> LabelSets.parse("a=\"1\"")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LabelSets.parse("{a}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LabelSets.parse("{a=\"1}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LabelSets.parse("{a=\"1\",b=\"2\"}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LabelSets.parse("{a=\"\\t\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown escape");
  }
}
