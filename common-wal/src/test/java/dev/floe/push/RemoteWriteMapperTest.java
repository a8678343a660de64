package dev.floe.push;

import static dev.floe.push.ProtoMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.otlp.MappedRows;
import dev.floe.otlp.MappingLimits;
import dev.floe.schema.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Native histograms of remote write 1.0 whose spans and deltas disagree are rejected one by one,
 * with the series named, and a crafted span cannot make the decoder allocate without bound.
 */
class RemoteWriteMapperTest {
  private static final long NOW_MILLIS = 1_700_000_000_000L;
  private final RemoteWriteMapper mapper = new RemoteWriteMapper(MappingLimits.defaults());

  @Test
  void spansCoveringMoreBucketsThanDeltasAreRejected() {
    MappedRows rows = map(histogram(new int[][] {{0, 3}}, 1, 1));
    assertThat(rows.accepted()).isZero();
    assertThat(rows.rejectionMessage())
        .isEqualTo("native histogram of series '{__name__=\"h\"}' is invalid: spans cover more buckets than the 2 deltas sent");
  }

  @Test
  void deltasMakingACountNegativeAreRejected() {
    MappedRows rows = map(histogram(new int[][] {{0, 2}}, 1, -2));
    assertThat(rows.rejectionMessage()).contains("bucket count -1 is negative");
  }

  @Test
  void aHugeGapBetweenSpansIsRejectedNotAllocated() {
    MappedRows rows = map(histogram(new int[][] {{0, 1}, {Integer.MAX_VALUE, 1}}, 1, 0));
    assertThat(rows.rejectionMessage()).contains("buckets span more than 65536 indexes");
  }

  @Test
  void gapsBetweenSpansAreZeroBuckets() {
    MappedRows rows = map(histogram(new int[][] {{-2, 1}, {2, 2}}, 5, -4, 2));
    assertThat(rows.rejected()).as(rows.rejectionMessage()).isZero();
    var row = rows.rowsFor(Signal.METRICS).get(0);
    // Prometheus buckets -2, then -1 and 0 empty, then 1 and 2: OTLP offset -3.
    assertThat(row.getField("positive_offset")).isEqualTo(-3);
    assertThat((List<?>) row.getField("positive_bucket_counts")).isEqualTo(List.of(5L, 0L, 0L, 1L, 3L));
  }

  @Test
  void wrongWireTypesAreFormatErrors() {
    // TimeSeries.samples (field 2) sent as a varint.
    byte[] body = message(out -> out.writeByteArray(1, message(series -> series.writeInt64(2, 7))));
    assertThatThrownBy(() -> mapper.map("t", body, NOW_MILLIS * 1_000_000L))
        .isInstanceOf(PushFormatException.class)
        .hasMessageContaining("TimeSeries.samples has wire type 0");
  }

  private MappedRows map(byte[] histogram) {
    byte[] label = message(out -> {
      out.writeString(1, "__name__");
      out.writeString(2, "h");
    });
    byte[] series = message(out -> {
      out.writeByteArray(1, label);
      out.writeByteArray(4, histogram);
    });
    return mapper.map("t", message(out -> out.writeByteArray(1, series)), NOW_MILLIS * 1_000_000L);
  }

  /** An integer histogram of schema 0 with the given positive spans ({offset, length}) and deltas. */
  private static byte[] histogram(int[][] spans, long... deltas) {
    return message(out -> {
      out.writeUInt64(1, 10);
      out.writeSInt32(4, 0);
      for (int[] span : spans) {
        out.writeByteArray(11, message(s -> {
          s.writeSInt32(1, span[0]);
          s.writeUInt32(2, span[1]);
        }));
      }
      for (long delta : deltas) {
        out.writeSInt64(12, delta);
      }
      out.writeInt64(15, NOW_MILLIS);
    });
  }
}
