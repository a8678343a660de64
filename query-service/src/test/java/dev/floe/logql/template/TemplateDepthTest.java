package dev.floe.logql.template;

import static dev.floe.logql.template.TemplateFixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Templates nested too deeply are a parse error, as queries are, not a stack overflow. */
class TemplateDepthTest {

  @Test
  void deeplyNestedParenthesesAndActionsAreAParseError() {
    assertThatThrownBy(() -> render("{{ " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " }}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested too deeply: more than 128 levels");
    assertThatThrownBy(() -> render("{{ if 1 }}".repeat(5_000) + "x" + "{{ end }}".repeat(5_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested too deeply: more than 128 levels");
  }

  @Test
  void nestingWithinTheLimitRenders() {
    assertThat(render("{{ " + "(".repeat(100) + "1" + ")".repeat(100) + " }}")).isEqualTo("1");
  }
}
