package dev.floe.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.floe.promql.engine.FloatHistogram.CounterResetHint;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Native histogram arithmetic as Prometheus defines it for exponential and custom buckets. */
class FloatHistogramTest {

  private static FloatHistogram exponential(int schema, double zeroThreshold, double zeroCount,
      Map<Integer, Double> positive) {
    double count = zeroCount + positive.values().stream().mapToDouble(Double::doubleValue).sum();
    return new FloatHistogram(schema, zeroThreshold, zeroCount, count, 10, positive, Map.of(), null,
        CounterResetHint.UNKNOWN);
  }

  @Test
  void bucketBoundsFollowTheSchema() {
    FloatHistogram h = exponential(1, 0, 0, Map.of(1, 1.0));
    // Schema 1: base 2^(1/2); bucket 1 is (1, sqrt 2], bucket 2 is (sqrt 2, 2].
    assertThat(h.lowerBound(1, false)).isEqualTo(1.0);
    assertThat(h.upperBound(1, false)).isEqualTo(Math.sqrt(2), offset(1e-12));
    assertThat(h.upperBound(2, true)).isEqualTo(-Math.sqrt(2), offset(1e-12));
  }

  @Test
  void addingHistogramsOfDifferentSchemasUsesTheCoarserOne() {
    FloatHistogram fine = exponential(1, 0, 0, Map.of(1, 1.0, 2, 2.0, 3, 4.0));
    FloatHistogram coarse = exponential(0, 0, 0, Map.of(1, 10.0));
    FloatHistogram sum = fine.combine(coarse, false).histogram();
    // Schema 1 buckets 1 and 2 make up schema 0 bucket 1; bucket 3 falls into schema 0 bucket 2.
    assertThat(sum.schema()).isZero();
    assertThat(sum.positive()).isEqualTo(Map.of(1, 13.0, 2, 4.0));
    assertThat(sum.count()).isEqualTo(17.0);
    assertThat(sum.sum()).isEqualTo(20.0);
  }

  @Test
  void aWiderZeroBucketAbsorbsTheBucketsBelowItsThreshold() {
    FloatHistogram narrow = exponential(0, 0.001, 1, Map.of(-1, 2.0, 1, 3.0));
    FloatHistogram wide = exponential(0, 0.5, 4, Map.of());
    FloatHistogram sum = narrow.combine(wide, false).histogram();
    // Bucket -1 is (0.25, 0.5], inside the wider zero bucket; bucket 1 is (1, 2].
    assertThat(sum.zeroThreshold()).isEqualTo(0.5);
    assertThat(sum.zeroCount()).isEqualTo(7.0);
    assertThat(sum.positive()).isEqualTo(Map.of(1, 3.0));
  }

  @Test
  void aDecreasingBucketIsACounterReset() {
    FloatHistogram before = exponential(0, 0, 0, Map.of(1, 5.0, 2, 1.0));
    FloatHistogram grown = exponential(0, 0, 0, Map.of(1, 5.0, 2, 3.0));
    FloatHistogram shrunk = exponential(0, 0, 0, Map.of(1, 4.0, 2, 9.0));
    assertThat(grown.isResetAfter(before)).isFalse();
    assertThat(shrunk.isResetAfter(before)).isTrue();
    assertThat(grown.withHint(CounterResetHint.COUNTER_RESET).isResetAfter(before)).isTrue();
  }

  @Test
  void customBucketsWithDifferentBoundsAreAddedOnTheBoundsBothHave() {
    FloatHistogram a = new FloatHistogram(FloatHistogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, 6, 6,
        Map.of(0, 1.0, 1, 2.0, 2, 3.0), Map.of(), new double[] {1, 2}, CounterResetHint.UNKNOWN);
    FloatHistogram b = new FloatHistogram(FloatHistogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, 4, 4,
        Map.of(0, 1.0, 1, 3.0), Map.of(), new double[] {2}, CounterResetHint.UNKNOWN);
    FloatHistogram.Combined sum = a.combine(b, false);
    assertThat(sum.reconciledCustomBuckets()).isTrue();
    assertThat(sum.histogram().customValues()).containsExactly(2);
    assertThat(sum.histogram().positive()).isEqualTo(Map.of(0, 4.0, 1, 6.0));
  }
}
