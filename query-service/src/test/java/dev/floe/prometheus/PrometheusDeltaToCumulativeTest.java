package dev.floe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Delta points made cumulative as the OpenTelemetry data model describes (each delta's start is the
 * previous point's time, the cumulative point keeps the first start) and the deltatocumulative
 * processor does (out-of-order points dropped).
 */
class PrometheusDeltaToCumulativeTest {
  private static final long SECOND = 1_000_000_000L;

  private static SeriesIdentity identity(MetricType type, Temporality temporality) {
    return new SeriesIdentity(Labels.of("__name__", "x"), type, "", type == MetricType.SUM, temporality);
  }

  private static MetricPoint point(SeriesIdentity identity, long start, long time, PointValue value) {
    return new MetricPoint(identity, start * SECOND, time * SECOND, 0, value);
  }

  private static List<MetricPoint> accept(DeltaToCumulative accumulator, MetricPoint... points) {
    List<MetricPoint> out = new ArrayList<>();
    for (MetricPoint point : points) {
      accumulator.accept(point).ifPresent(out::add);
    }
    return out;
  }

  @Test
  void deltaSumsAddUpFromTheFirstStart() {
    SeriesIdentity delta = identity(MetricType.SUM, Temporality.DELTA);

    List<MetricPoint> out = accept(new DeltaToCumulative(),
        point(delta, 10, 20, new PointValue.Number(1)),
        point(delta, 20, 30, new PointValue.Number(2)),
        point(delta, 30, 40, new PointValue.Number(3)));

    assertThat(out).map(MetricPoint::value).containsExactly(
        new PointValue.Number(1), new PointValue.Number(3), new PointValue.Number(6));
    assertThat(out).map(MetricPoint::startNanos).containsOnly(10 * SECOND);
    assertThat(out).map(MetricPoint::timeNanos).containsExactly(20 * SECOND, 30 * SECOND, 40 * SECOND);
  }

  @Test
  void duplicateAndOverlappingPointsAreDropped() {
    SeriesIdentity delta = identity(MetricType.SUM, Temporality.DELTA);
    DeltaToCumulative accumulator = new DeltaToCumulative();
    accept(accumulator, point(delta, 10, 20, new PointValue.Number(1)));

    assertThat(accumulator.accept(point(delta, 10, 20, new PointValue.Number(1)))).isEmpty();
    assertThat(accumulator.accept(point(delta, 15, 25, new PointValue.Number(1)))).isEmpty();
    assertThat(accumulator.accept(point(delta, 20, 30, new PointValue.Number(5))))
        .map(MetricPoint::value).contains(new PointValue.Number(6));
  }

  @Test
  void cumulativePointsPassUnchanged() {
    SeriesIdentity cumulative = identity(MetricType.SUM, Temporality.CUMULATIVE);
    MetricPoint first = point(cumulative, 10, 20, new PointValue.Number(5));
    MetricPoint second = point(cumulative, 10, 30, new PointValue.Number(7));

    assertThat(accept(new DeltaToCumulative(), first, second)).containsExactly(first, second);
  }

  @Test
  void stalePointPassesAndLeavesTheSum() {
    SeriesIdentity delta = identity(MetricType.SUM, Temporality.DELTA);
    MetricPoint stale = new MetricPoint(delta, 20 * SECOND, 30 * SECOND, MetricPoint.FLAG_NO_RECORDED_VALUE,
        new PointValue.Number(0));

    List<MetricPoint> out = accept(new DeltaToCumulative(),
        point(delta, 10, 20, new PointValue.Number(4)), stale, point(delta, 30, 40, new PointValue.Number(1)));

    assertThat(out).containsSequence(List.of(stale));
    assertThat(out.get(2).value()).isEqualTo(new PointValue.Number(5));
  }

  @Test
  void histogramBucketsAddUp() {
    SeriesIdentity delta = identity(MetricType.HISTOGRAM, Temporality.DELTA);
    double[] bounds = {1, 10};

    List<MetricPoint> out = accept(new DeltaToCumulative(),
        point(delta, 0, 10, new PointValue.Histogram(3, 6.0, bounds, new long[] {1, 1, 1})),
        point(delta, 10, 20, new PointValue.Histogram(2, 30.0, bounds, new long[] {0, 2, 0})));

    PointValue.Histogram total = (PointValue.Histogram) out.get(1).value();
    assertThat(total.count()).isEqualTo(5);
    assertThat(total.sum()).isEqualTo(36.0);
    assertThat(total.bucketCounts()).containsExactly(1, 3, 1);
  }

  @Test
  void histogramWithOtherBoundsStartsAnewSum() {
    SeriesIdentity delta = identity(MetricType.HISTOGRAM, Temporality.DELTA);

    List<MetricPoint> out = accept(new DeltaToCumulative(),
        point(delta, 0, 10, new PointValue.Histogram(3, 6.0, new double[] {1}, new long[] {1, 2})),
        point(delta, 10, 20, new PointValue.Histogram(2, 3.0, new double[] {5}, new long[] {2, 0})));

    PointValue.Histogram total = (PointValue.Histogram) out.get(1).value();
    assertThat(total.count()).isEqualTo(2);
    assertThat(total.bounds()).containsExactly(5);
    assertThat(out.get(1).startNanos()).isEqualTo(10 * SECOND);
  }

  @Test
  void exponentialHistogramsOfDifferentScalesAddUpAtTheSmallerScale() {
    SeriesIdentity delta = identity(MetricType.EXPONENTIAL_HISTOGRAM, Temporality.DELTA);
    // At scale 1, buckets 2 and 3 make bucket 1 of scale 0, and bucket 4 is bucket 2 of scale 0.
    MetricPoint fine = point(delta, 0, 10,
        new PointValue.ExponentialHistogram(4, 10.0, 1, 1, 0, 2, new long[] {1, 1, 1}, 0, new long[0]));
    MetricPoint coarse = point(delta, 10, 20,
        new PointValue.ExponentialHistogram(3, 5.0, 0, 0, 0, 0, new long[] {1, 1}, -1, new long[] {1}));

    Optional<MetricPoint> out = accept(new DeltaToCumulative(), fine, coarse).stream().skip(1).findFirst();

    PointValue.ExponentialHistogram total = (PointValue.ExponentialHistogram) out.orElseThrow().value();
    assertThat(total.scale()).isEqualTo(0);
    assertThat(total.count()).isEqualTo(7);
    assertThat(total.sum()).isEqualTo(15.0);
    assertThat(total.zeroCount()).isEqualTo(1);
    assertThat(total.positiveOffset()).isEqualTo(0);
    assertThat(total.positiveCounts()).containsExactly(1, 3, 1);
    assertThat(total.negativeOffset()).isEqualTo(-1);
    assertThat(total.negativeCounts()).containsExactly(1);
  }
}
