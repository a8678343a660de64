package dev.floe.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Label sets as Prometheus keeps them: sorted by name in code point order, empty values absent. */
class LabelsTest {

  @Test
  void theBuilderSortsByCodePointReplacesAndDropsEmptyValues() {
    Labels.Builder builder = Labels.builder();
    for (String name : List.of("b", "a", "é", "Z", "_x", "c", "aa", "b0", "zz", "m")) {
      builder.set(name, "v-" + name);
    }
    builder.set("c", "again").set("m", "").remove("zz").remove("missing");

    assertThat(builder.build().toString())
        .isEqualTo("{Z=\"v-Z\", _x=\"v-_x\", a=\"v-a\", aa=\"v-aa\", b=\"v-b\", b0=\"v-b0\", c=\"again\", é=\"v-é\"}");
    assertThat(builder.get("c")).isEqualTo("again");
    assertThat(builder.get("m")).isEmpty();
  }

  @Test
  void aBuilderFromLabelsLeavesThemUnchanged() {
    Labels labels = Labels.of("job", "api", "env", "prod");
    Labels changed = labels.toBuilder().set("pod", "p1").set("env", "dev").remove("job").build();

    assertThat(labels).isEqualTo(Labels.of("env", "prod", "job", "api"));
    assertThat(changed).isEqualTo(Labels.of("env", "dev", "pod", "p1"));
    assertThat(labels.only(List.of("job"))).isEqualTo(Labels.of("job", "api"));
    assertThat(labels.without(List.of("job"))).isEqualTo(Labels.of("env", "prod"));
    assertThat(Labels.builder().build()).isSameAs(Labels.EMPTY);
  }
}
