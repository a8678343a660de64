package dev.floe.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.schema.Signal;
import org.junit.jupiter.api.Test;

class SegmentKeyTest {
  @Test
  void formatsOffsetsZeroPaddedSoThatListingOrderIsOffsetOrder() {
    SegmentKey key = new SegmentKey(Signal.LOGS, 3, 42);
    assertThat(key.path()).isEqualTo("wal/logs/3/00000000000000000042.parquet");
    assertThat(new SegmentKey(Signal.LOGS, 3, 9).path()).isLessThan(new SegmentKey(Signal.LOGS, 3, 10).path());
    assertThat(SegmentKey.parse(key.path())).contains(key);
  }

  @Test
  void rejectsForeignKeysAndImpossibleOffsets() {
    assertThat(SegmentKey.parse("wal/logs/3/42.parquet")).isEmpty();
    assertThat(SegmentKey.parse("wal/nope/3/00000000000000000042.parquet")).isEmpty();
    assertThat(SegmentKey.parse("wal/logs/3/00000000000000000042.tmp")).isEmpty();
    assertThatThrownBy(() -> new SegmentKey(Signal.SPANS, 0, 0)).hasMessageContaining("offset");
  }

  @Test
  void startAfterAnOffsetSkipsExactlyTheSegmentsAtOrBelowIt() {
    String after = SegmentKey.startAfter(Signal.METRICS, 1, 5);
    assertThat(new SegmentKey(Signal.METRICS, 1, 5).path()).isLessThanOrEqualTo(after);
    assertThat(new SegmentKey(Signal.METRICS, 1, 6).path()).isGreaterThan(after);
    assertThat(SegmentKey.startAfter(Signal.METRICS, 1, 0)).isEmpty();
  }
}
