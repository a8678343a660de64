package dev.floe.query.scan;

import static dev.floe.query.scan.ScanFixture.DAY_ONE_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metric points with every column kind: numbers, booleans, nulls, maps, lists and lists of structs. */
class MetricsScanTest {
  private static final String[] COLUMNS = {
    "metric_name", "timestamp", "value_double", "value_int", "is_monotonic", "temporality", "explicit_bounds",
    "bucket_counts", "quantiles", "exemplars", "attributes", "resource_attributes"
  };
  private static final byte[] TRACE = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
  private static final byte[] SPAN = HexFormat.of().parseHex("a1a2a3a4a5a6a7a8");

  @TempDir Path dir;

  private static Record gauge(String name, long micros, double value) {
    Record row = base(name, "gauge", micros);
    row.setField("value_double", value);
    row.setField("attributes", Map.of("host", "h1", "zone", "z" + (int) value));
    return row;
  }

  private static Record counter(long micros, long value) {
    Record row = base("requests_total", "sum", micros);
    row.setField("value_int", value);
    row.setField("is_monotonic", true);
    row.setField("temporality", 2);
    row.setField("attributes", Map.of());
    return row;
  }

  private static Record histogram(long micros) {
    Record row = base("latency", "histogram", micros);
    row.setField("count", 6L);
    row.setField("explicit_bounds", List.of(0.1, 1.0));
    row.setField("bucket_counts", List.of(1L, 2L, 3L));
    Types.StructType exemplar =
        Signal.METRICS.table().schema().findField("exemplars").type().asListType().elementType().asStructType();
    Record traced = GenericRecord.create(exemplar);
    traced.setField("time_unix_nano", 5L);
    traced.setField("value_double", 0.5);
    traced.setField("span_id", ByteBuffer.wrap(SPAN));
    traced.setField("trace_id", ByteBuffer.wrap(TRACE));
    traced.setField("filtered_attributes", Map.of("user", "u1", "path", "/a"));
    Record bare = GenericRecord.create(exemplar);
    bare.setField("time_unix_nano", 6L);
    bare.setField("value_int", 3L);
    Record emptyAttributes = GenericRecord.create(exemplar);
    emptyAttributes.setField("time_unix_nano", 7L);
    emptyAttributes.setField("value_double", 2.0);
    emptyAttributes.setField("filtered_attributes", Map.of());
    row.setField("exemplars", List.of(traced, bare, emptyAttributes));
    return row;
  }

  private static Record summary(long micros) {
    Record row = base("sizes", "summary", micros);
    Types.StructType quantile =
        Signal.METRICS.table().schema().findField("quantiles").type().asListType().elementType().asStructType();
    List<Record> quantiles = new ArrayList<>();
    for (double[] q : new double[][] {{0.5, 10}, {0.99, 42}}) {
      Record element = GenericRecord.create(quantile);
      element.setField("quantile", q[0]);
      element.setField("value", q[1]);
      quantiles.add(element);
    }
    row.setField("quantiles", quantiles);
    return row;
  }

  private static Record base(String name, String type, long micros) {
    Record row = GenericRecord.create(Signal.METRICS.table().schema());
    row.setField("tenant_id", "tenant-m");
    row.setField("timestamp", micros);
    row.setField("timestamp_nanos", 0);
    row.setField("service_name", "svc");
    row.setField("metric_name", name);
    row.setField("metric_type", type);
    row.setField("series_labels", "{__name__=\"" + name + "\"}");
    row.setField("series_fingerprint", (long) name.hashCode());
    row.setField("value_types", Map.of());
    return row;
  }

  private static List<Record> points(long micros) {
    return List.of(gauge("temperature", micros, 21.5), counter(micros + 1, 7), histogram(micros + 2), summary(micros + 3));
  }

  private static Map<String, Map<String, Object>> byMetric(CollectingConsumer consumer) {
    Map<String, Map<String, Object>> rows = new HashMap<>();
    consumer.rows.forEach(row -> rows.put((String) row.get("metric_name"), row.values()));
    return rows;
  }

  @Test
  void everyColumnKindReadsTheSameFromTheWalAndFromIceberg() {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    ScanFixture fixture = new ScanFixture(dir, store);
    fixture.append(Signal.METRICS, points(DAY_ONE_MICROS));
    ScanRequest request = ScanRequest.builder(Signal.METRICS).tenant("tenant-m").columns(COLUMNS).build();

    CollectingConsumer fromWal = new CollectingConsumer(COLUMNS);
    fixture.scanner(store).scan(request, fromWal);
    fixture.compact(Signal.METRICS);
    CollectingConsumer fromIceberg = new CollectingConsumer(COLUMNS);
    ScanStats stats = fixture.scanner(store).scan(request, fromIceberg);

    assertThat(stats.dataFiles()).isEqualTo(1);
    assertThat(stats.segments()).isZero();
    for (CollectingConsumer consumer : List.of(fromWal, fromIceberg)) {
      Map<String, Map<String, Object>> rows = byMetric(consumer);
      assertThat(rows).containsOnlyKeys("temperature", "requests_total", "latency", "sizes");

      Map<String, Object> gauge = rows.get("temperature");
      assertThat(gauge.get("value_double")).isEqualTo(21.5);
      assertThat(gauge.get("value_int")).isNull();
      assertThat(gauge.get("is_monotonic")).isNull();
      assertThat(gauge.get("attributes")).isEqualTo(Map.of("host", "h1", "zone", "z21"));
      assertThat(gauge.get("resource_attributes")).isNull();
      assertThat(gauge.get("timestamp")).isEqualTo(DAY_ONE_MICROS * 1000);
      assertThat(gauge.get("explicit_bounds")).isNull();

      Map<String, Object> counter = rows.get("requests_total");
      assertThat(counter.get("value_int")).isEqualTo(7L);
      assertThat(counter.get("is_monotonic")).isEqualTo(true);
      assertThat(counter.get("temporality")).isEqualTo(2);
      assertThat(counter.get("attributes")).isEqualTo(Map.of());

      Map<String, Object> histogram = rows.get("latency");
      assertThat(histogram.get("explicit_bounds")).isEqualTo(List.of(0.1, 1.0));
      assertThat(histogram.get("bucket_counts")).isEqualTo(List.of(1L, 2L, 3L));
      assertThat(histogram.get("quantiles")).isNull();
      assertThat(histogram.get("exemplars"))
          .isEqualTo(List.of(
              Arrays.asList(5L, 0.5, null, "a1a2a3a4a5a6a7a8", "0102030405060708090a0b0c0d0e0f10", Map.of("user", "u1", "path", "/a")),
              Arrays.asList(6L, null, 3L, null, null, null),
              Arrays.asList(7L, 2.0, null, null, null, Map.of())));
      assertThat(gauge.get("exemplars")).isNull();

      assertThat(rows.get("sizes").get("quantiles")).isEqualTo(List.of(List.of(0.5, 10.0), List.of(0.99, 42.0)));
    }
  }

  @Test
  void metricNamesPruneRowGroupsByDictionaryAndTheLabelFilterSelectsSeries() {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    ScanFixture fixture = new ScanFixture(dir, store);
    // Enough points per series that the writer keeps the names dictionary-encoded.
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.addAll(points(DAY_ONE_MICROS + i * 10));
    }
    fixture.append(Signal.METRICS, rows);

    // "requests" lies between the row group's min ("latency") and max ("temperature") names: only
    // its dictionary rules it out.
    CollectingConsumer none = new CollectingConsumer("metric_name");
    ScanStats pruned =
        fixture.scanner(store).scan(ScanRequest.builder(Signal.METRICS).tenant("tenant-m").columns("metric_name").metricNames(Set.of("requests")).build(), none);
    assertThat(none.rows).isEmpty();
    assertThat(pruned.rowGroupsSkipped()).isEqualTo(1);

    CollectingConsumer series = new CollectingConsumer("metric_name");
    fixture
        .scanner(store)
        .scan(
            ScanRequest.builder(Signal.METRICS)
                .tenant("tenant-m")
                .columns("metric_name")
                .metricNames(Set.of("latency", "sizes"))
                .labelFilter(labels -> Arrays.asList("{__name__=\"latency\"}", "{__name__=\"sizes\"}").contains(labels))
                .build(),
            series);
    assertThat(series.values("metric_name")).hasSize(100).containsOnly("latency", "sizes");
  }
}
