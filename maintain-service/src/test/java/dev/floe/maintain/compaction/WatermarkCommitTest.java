package dev.floe.maintain.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WatermarkCommitTest {
  @Test
  void describesTheOffsetsOfACommit() {
    assertThat(WatermarkCommit.describe(Map.of(0, 4L, 3, 0L), Map.of(3, 2L, 0, 9L))).isEqualTo("0:5-9,3:1-2");
  }
}
