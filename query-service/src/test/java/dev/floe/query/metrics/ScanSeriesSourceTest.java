package dev.floe.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.prometheus.PrometheusTranslator;
import dev.floe.prometheus.TranslationConfig;
import dev.floe.lang.LabelMatcher;
import dev.floe.lang.MatchType;
import dev.floe.lang.QueryContext;
import dev.floe.promql.engine.Sample;
import dev.floe.promql.engine.Series;
import dev.floe.query.scan.ScanFixture;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PromQL's series source over the metrics table and the WAL: what a selector gets, from either side. */
class ScanSeriesSourceTest {
  private static final long T0_MS = 1_700_000_000_000L;
  private static final TranslationConfig TRANSLATION = TranslationConfig.DEFAULTS;

  @TempDir Path dir;

  @Test
  void selectsTheMatchingSeriesOfTheTenantFromTheWalAndTheTableAlike() throws Exception {
    try (LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        ScanFixture fixture = new ScanFixture(dir, store)) {
      fixture.append(Signal.METRICS, List.of(
          gauge("tenant-m", "h1", T0_MS, 1.0),
          gauge("tenant-m", "h1", T0_MS + 15_000, 2.0),
          gauge("tenant-m", "h2", T0_MS, 5.0),
          gauge("other", "h9", T0_MS, 100.0)));
      ScanSeriesSource source = new ScanSeriesSource(fixture.scanner(store), Set.of("tenant-m"), new PrometheusTranslator(TRANSLATION), QueryContext.unbounded());

      assertSelected(source);

      fixture.compact(Signal.METRICS);
      assertSelected(source);

      // A point still in the WAL joins the compacted ones, none counted twice.
      fixture.append(Signal.METRICS, List.of(gauge("tenant-m", "h1", T0_MS + 30_000, 3.0)));
      Series h1 = only(source.select(List.of(name("temperature"), label("host", "h1")), T0_MS, T0_MS + 60_000));
      assertThat(h1.samples()).extracting(Sample::timestampMs, Sample::value).containsExactly(
          org.assertj.core.groups.Tuple.tuple(T0_MS, 1.0),
          org.assertj.core.groups.Tuple.tuple(T0_MS + 15_000, 2.0),
          org.assertj.core.groups.Tuple.tuple(T0_MS + 30_000, 3.0));
    }
  }

  private static void assertSelected(ScanSeriesSource source) {
    List<Series> all = source.select(List.of(name("temperature")), T0_MS, T0_MS + 60_000);
    assertThat(all).as("the other tenant's series is not seen").hasSize(2);
    assertThat(all).allSatisfy(series -> assertThat(series.labels().get("__name__")).isEqualTo("temperature"));

    Series h1 = only(source.select(List.of(name("temperature"), label("host", "h1")), T0_MS, T0_MS + 60_000));
    assertThat(h1.labels().get("host")).isEqualTo("h1");
    assertThat(h1.samples()).extracting(Sample::value).containsExactly(1.0, 2.0);

    Series h1Later = only(source.select(List.of(name("temperature"), label("host", "h1")), T0_MS + 1, T0_MS + 60_000));
    assertThat(h1Later.samples()).as("only the samples of the range").extracting(Sample::value).containsExactly(2.0);

    assertThat(source.select(List.of(name("no_such_metric")), T0_MS, T0_MS + 60_000)).isEmpty();
  }

  private static Series only(List<Series> series) {
    assertThat(series).hasSize(1);
    return series.get(0);
  }

  private static LabelMatcher name(String metric) {
    return label("__name__", metric);
  }

  private static LabelMatcher label(String name, String value) {
    return new LabelMatcher(name, MatchType.EQUAL, value);
  }

  private static Record gauge(String tenant, String host, long timeMs, double value) {
    Record row = GenericRecord.create(Signal.METRICS.table().schema());
    row.setField("tenant_id", tenant);
    row.setField("timestamp", timeMs * 1000);
    row.setField("timestamp_nanos", 0);
    row.setField("service_name", "svc");
    row.setField("metric_name", "temperature");
    row.setField("metric_type", "gauge");
    row.setField("series_labels", "{__name__=\"temperature\", host=\"" + host + "\"}");
    row.setField("series_fingerprint", (long) (tenant + host).hashCode());
    row.setField("value_types", Map.of());
    row.setField("value_double", value);
    row.setField("attributes", Map.of("host", host));
    row.setField("resource_attributes", Map.of("service.name", "svc"));
    return row;
  }
}
