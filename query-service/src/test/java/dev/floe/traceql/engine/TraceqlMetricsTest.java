package dev.floe.traceql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.floe.traceql.TraceqlParser;
import dev.floe.traces.InMemoryTraceSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** TraceQL metrics over {@link MetricsFixtures}, range 1000 s to 1030 s with a 10 s step (four buckets). */
class TraceqlMetricsTest {
  private static final double NaN = Double.NaN;
  private static final long S = MetricsFixtures.S;
  private static final MetricsRange RANGE = MetricsRange.aligned(1000 * S, 1030 * S, 10 * S);

  /** Query, then per series: its labels as text, then its values at 1000, 1010, 1020 and 1030 s. */
  private static final Object[][] CASES = {
    {"{} | count_over_time()", Map.of("{__name__=count_over_time}", new double[] {0, 3, 2, 0})},
    {"{} | rate()", Map.of("{__name__=rate}", new double[] {0, 0.3, 0.2, 0})},
    {"{ status = error } | count_over_time()", Map.of("{__name__=count_over_time}", new double[] {0, 1, 0, 0})},
    {"{} | count_over_time() by (resource.service.name)", Map.of(
        "{resource.service.name=api}", new double[] {0, 1, 2, 0},
        "{resource.service.name=db}", new double[] {0, 2, 0, 0})},
    {"{} | rate() by (resource.service.name, span.missing)", Map.of(
        "{resource.service.name=api}", new double[] {0, 0.1, 0.2, 0},
        "{resource.service.name=db}", new double[] {0, 0.2, 0, 0})},
    {"{} | count_over_time() by (span.missing)", Map.of("{span.missing=nil}", new double[] {0, 3, 2, 0})},
    {"{} | max_over_time(duration)", Map.of("{__name__=max_over_time}", new double[] {NaN, 0.4, 1.0, NaN})},
    {"{} | min_over_time(duration)", Map.of("{__name__=min_over_time}", new double[] {NaN, 0.1, 0.003, NaN})},
    {"{} | sum_over_time(duration)", Map.of("{__name__=sum_over_time}", new double[] {NaN, 0.7, 1.003, NaN})},
    {"{} | avg_over_time(duration) by (kind)", Map.of(
        "{kind=server}", new double[] {NaN, 0.1, 0.5015, NaN},
        "{kind=client}", new double[] {NaN, 0.3, NaN, NaN})},
    {"{} | histogram_over_time(duration)", Map.of(
        "{__bucket=0.134217728}", new double[] {0, 1, 0, 0},
        "{__bucket=0.268435456}", new double[] {0, 1, 0, 0},
        "{__bucket=0.536870912}", new double[] {0, 1, 0, 0},
        "{__bucket=1.073741824}", new double[] {0, 0, 1, 0},
        "{__bucket=0.004194304}", new double[] {0, 0, 1, 0})},
    {"{} | quantile_over_time(duration, 0.5, 0.9)", Map.of(
        "{p=0.5}", new double[] {0, 0.268435456, 0.004194304, 0},
        "{p=0.9}", new double[] {0, 0.536870912, 1.073741824, 0})},
    {"{} | quantile_over_time(duration, 0.9) by (resource.service.name)", Map.of(
        "{resource.service.name=api,p=0.9}", new double[] {0, 0.134217728, 1.073741824, 0},
        "{resource.service.name=db,p=0.9}", new double[] {0, 0.536870912, 0, 0})},
    {"{} | count_over_time() by (resource.service.name) > 0", Map.of(
        "{resource.service.name=api}", new double[] {NaN, 1, 2, NaN},
        "{resource.service.name=db}", new double[] {NaN, 2, NaN, NaN})},
    {"{} | count_over_time() by (resource.service.name) | topk(1)", Map.of(
        "{resource.service.name=api}", new double[] {0, NaN, 2, 0},
        "{resource.service.name=db}", new double[] {NaN, 2, NaN, NaN})},
    {"{} | count_over_time() by (resource.service.name) | bottomk(1)", Map.of(
        "{resource.service.name=api}", new double[] {0, 1, NaN, 0},
        "{resource.service.name=db}", new double[] {NaN, NaN, 0, NaN})},
    {"{} | count_over_time() by (resource.service.name) | topk(1) >= 2", Map.of(
        "{resource.service.name=api}", new double[] {NaN, NaN, 2, NaN},
        "{resource.service.name=db}", new double[] {NaN, 2, NaN, NaN})},
    {"({ status = error } | count_over_time()) / ({} | count_over_time())", Map.of(
        "{__name__=(count_over_time / count_over_time)}", new double[] {NaN, 1.0 / 3, 0, NaN})},
    {"({} | count_over_time() by (resource.service.name)) / ({} | count_over_time())", Map.of(
        "{resource.service.name=api}", new double[] {NaN, 1.0 / 3, 1, NaN},
        "{resource.service.name=db}", new double[] {NaN, 2.0 / 3, 0, NaN})},
    {"100 * ({ status = error } | rate())", Map.of("{__name__=rate}", new double[] {0, 10, 0, 0})},
    {"({} | count_over_time()) * 2 + 1", Map.of("{__name__=count_over_time}", new double[] {1, 7, 5, 1})},
    {"({} | count_over_time()) - ({} | count_over_time()) > 0", Map.of(
        "{__name__=(count_over_time - count_over_time)}", new double[] {NaN, NaN, NaN, NaN})},
    {"{ kind = client } | compare({ status = error })", Map.of(
        "{__meta_type=selection,name=a2}", new double[] {0, 1, 0, 0},
        "{__meta_type=selection,status=error}", new double[] {0, 1, 0, 0},
        "{__meta_type=selection,kind=client}", new double[] {0, 1, 0, 0},
        "{__meta_type=selection,resource.service.name=db}", new double[] {0, 1, 0, 0},
        "{__meta_type=baseline,name=a3}", new double[] {0, 1, 0, 0},
        "{__meta_type=baseline,status=unset}", new double[] {0, 1, 0, 0},
        "{__meta_type=baseline,kind=client}", new double[] {0, 1, 0, 0},
        "{__meta_type=baseline,resource.service.name=db}", new double[] {0, 1, 0, 0},
        "{__meta_type=baseline_total,name=nil}", new double[] {0, 1, 0, 0},
        "{__meta_type=selection_total,name=nil}", new double[] {0, 1, 0, 0})},
  };

  @Test
  void computesTempoSeries() {
    assertThat(RANGE.intervals()).isEqualTo(4);
    for (Object[] row : CASES) {
      String query = (String) row[0];
      @SuppressWarnings("unchecked")
      Map<String, double[]> expected = (Map<String, double[]>) row[1];
      Map<String, double[]> actual = run(query, RANGE);
      if (query.contains("compare")) {
        actual.keySet().retainAll(expected.keySet());
      }
      assertThat(actual.keySet()).as(query).containsExactlyInAnyOrderElementsOf(expected.keySet());
      for (Map.Entry<String, double[]> e : expected.entrySet()) {
        double[] values = actual.get(e.getKey());
        for (int i = 0; i < 4; i++) {
          if (Double.isNaN(e.getValue()[i])) {
            assertThat(values[i]).as(query + " " + e.getKey() + " @" + i).isNaN();
          } else {
            assertThat(values[i]).as(query + " " + e.getKey() + " @" + i).isCloseTo(e.getValue()[i], within(1e-9));
          }
        }
      }
    }
  }

  @Test
  void bucketsAreRightClosedAndStampedAtTheirEnd() {
    assertThat(RANGE.startNanos()).isEqualTo(990 * S);
    assertThat(RANGE.interval(1000 * S)).isEqualTo(0);
    assertThat(RANGE.interval(1000 * S + 1)).isEqualTo(1);
    assertThat(RANGE.interval(990 * S)).isEqualTo(-1);
    assertThat(RANGE.timestampMs(0)).isEqualTo(1_000_000);
    assertThat(MetricsRange.defaultStep(0, 3600 * S)).isEqualTo(15 * S);
    assertThat(MetricsRange.defaultStep(0, 24 * 3600 * S)).isEqualTo(300 * S);
    assertThat(MetricsRange.defaultStep(0, 30 * S)).isEqualTo(100 * MetricsFixtures.MS);
    assertThat(MetricsRange.defaultStep(0, 5 * 60 * S)).isEqualTo(S);
  }

  @Test
  void instantQueriesHaveOneBucket() {
    MetricsRange instant = MetricsRange.instant(1000 * S, 1030 * S);
    assertThat(run("{} | count_over_time()", instant).get("{__name__=count_over_time}")).containsExactly(5);
    assertThat(run("{} | rate()", instant).get("{__name__=rate}")[0]).isCloseTo(5.0 / 30, within(1e-9));
  }

  @Test
  void exemplarsCarryTraceIds() {
    TraceqlMetrics.Result result = TraceqlMetrics.run(TraceqlParser.parse("{} | max_over_time(duration)"),
        new InMemoryTraceSource(MetricsFixtures.spans()), List.of("fake"), RANGE, new TraceqlMetrics.Limits(100, 100),
        () -> {});
    List<MetricsSeries.Exemplar> exemplars = result.series().get(0).exemplars();
    assertThat(exemplars).hasSize(5);
    assertThat(exemplars.get(0).labels().get(0)).isEqualTo(
        MetricsAggregator.entry("trace:id", dev.floe.traceql.Static.ofString("0000000000000000000000000000000a")));
    assertThat(exemplars.get(0).value()).isCloseTo(0.1, within(1e-9));
    assertThat(exemplars.get(0).timestampMs()).isEqualTo(1_005_000);
  }

  @Test
  void interpolatesQuantilesLikeTempo() {
    List<double[]> buckets = new ArrayList<>();
    buckets.add(new double[] {1, 1});
    buckets.add(new double[] {2, 3});
    assertThat(MetricsAggregator.log2Quantile(0.5, buckets)).isCloseTo(Math.cbrt(2), within(1e-9));
    assertThat(MetricsAggregator.log2Quantile(1, buckets)).isEqualTo(2);
  }

  private static Map<String, double[]> run(String query, MetricsRange range) {
    TraceqlMetrics.Result result = TraceqlMetrics.run(TraceqlParser.parse(query),
        new InMemoryTraceSource(MetricsFixtures.spans()), List.of("fake"), range, new TraceqlMetrics.Limits(0, 1000),
        () -> {});
    Map<String, double[]> out = new TreeMap<>();
    for (MetricsSeries s : result.series()) {
      out.put(s.labels().stream().map(l -> l.getKey() + "=" + l.getValue().text())
          .collect(Collectors.joining(",", "{", "}")), s.values());
    }
    return out;
  }
}
