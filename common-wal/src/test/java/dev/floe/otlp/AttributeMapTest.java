package dev.floe.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeMapTest {
  @Test
  void behavesAsAMapInFirstAppearanceOrderWithTheLastValueOfARepeatedKey() {
    AttributeMap.Builder builder = new AttributeMap.Builder(4);
    assertThat(builder.put("b", "1")).isNull();
    assertThat(builder.put("a", "2")).isNull();
    assertThat(builder.put("b", "3")).isEqualTo("1");
    Map<String, String> map = builder.build();

    Map<String, String> expected = new HashMap<>(Map.of("a", "2", "b", "3"));
    assertThat(map).isEqualTo(expected).hasSize(2);
    assertThat(expected).isEqualTo(map);
    assertThat(map.hashCode()).isEqualTo(expected.hashCode());
    assertThat(map.keySet()).containsExactly("b", "a");
    List<String> visited = new ArrayList<>();
    map.forEach((key, value) -> visited.add(key + "=" + value));
    assertThat(visited).containsExactly("b=3", "a=2");
    assertThat(map.get("a")).isEqualTo("2");
    assertThat(map.get("c")).isNull();
    assertThat(map.containsKey("b")).isTrue();
    assertThatThrownBy(() -> map.put("c", "4")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void manyAttributesKeepTheLastValueOfARepeatedKeyToo() {
    AttributeMap.Builder builder = new AttributeMap.Builder(40);
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      String key = "k" + (i % 25);
      assertThat(builder.put(key, "v" + i)).isEqualTo(expected.put(key, "v" + i));
    }
    assertThat(builder.build()).isEqualTo(expected).hasSize(25);
  }

  @Test
  void noEntriesIsTheEmptyMap() {
    assertThat(new AttributeMap.Builder(0).build()).isEmpty();
    assertThat(List.of(new AttributeMap.Builder(3).build())).containsExactly(Map.of());
  }
}
