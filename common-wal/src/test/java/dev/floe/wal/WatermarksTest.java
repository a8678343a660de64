package dev.floe.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WatermarksTest {
  @Test
  void readsOneWatermarkPerShardFromTableProperties() {
    Watermarks watermarks =
        Watermarks.of(Map.of("floe.wal.watermark.0", "12", "floe.wal.watermark.3", "4", "write.format.default", "parquet"));

    assertThat(watermarks.get(0)).isEqualTo(12);
    assertThat(watermarks.get(3)).isEqualTo(4);
    assertThat(watermarks.get(1)).isZero();
    assertThat(Watermarks.property(3)).isEqualTo("floe.wal.watermark.3");
  }

  @Test
  void aMalformedWatermarkStopsTheReaderInsteadOfStartingOver() {
    assertThatThrownBy(() -> Watermarks.of(Map.of("floe.wal.watermark.0", "twelve")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("floe.wal.watermark.0=twelve");
    assertThatThrownBy(() -> Watermarks.of(Map.of("floe.wal.watermark.x", "1"))).isInstanceOf(IllegalStateException.class);
  }
}
