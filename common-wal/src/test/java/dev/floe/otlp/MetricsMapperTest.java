package dev.floe.otlp;

import static dev.floe.otlp.LogsMapperTest.assertRow;
import static dev.floe.otlp.Otlp.NOW;
import static dev.floe.otlp.Otlp.SECOND;
import static dev.floe.otlp.Otlp.bool;
import static dev.floe.otlp.Otlp.buffer;
import static dev.floe.otlp.Otlp.id;
import static dev.floe.otlp.Otlp.integer;
import static dev.floe.otlp.Otlp.kv;
import static dev.floe.otlp.Otlp.micros;
import static dev.floe.otlp.Otlp.remainder;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class MetricsMapperTest {
  private static final OtlpMapper MAPPER = new OtlpMapper(MappingConfig.defaults());
  private static final long START = NOW - 60 * SECOND + 1;
  private static final long TIME = NOW - SECOND + 2;
  private static final String RESOURCE_LABELS = "resource.host.name=\"h1\", resource.service.name=\"api\", "
      + "scope.name=\"meter\", scope.version=\"1.0\"";

  static ExportMetricsServiceRequest request(Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(kv("service.name", "api"))
                        .addAttributes(kv("host.name", "h1"))
                        .setDroppedAttributesCount(1))
                .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("meter").setVersion("1.0"))
                        .setSchemaUrl("scope-schema")
                        .addAllMetrics(List.of(metrics))))
        .build();
  }

  private static Types.StructType elementType(String listColumn) {
    return FloeTables.METRICS.schema().findField(listColumn).type().asListType().elementType().asStructType();
  }

  /** Every column, for a point of the given type; callers override the kind-specific ones. */
  private static Map<String, Object> expectedPoint(String name, String type, String labels) {
    Map<String, Object> expected = new HashMap<>();
    expected.put("tenant_id", "t");
    expected.put("timestamp", micros(TIME));
    expected.put("timestamp_nanos", remainder(TIME));
    expected.put("start_timestamp", micros(START));
    expected.put("start_timestamp_nanos", remainder(START));
    expected.put("service_name", "api");
    expected.put("metric_name", name);
    expected.put("metric_type", type);
    expected.put("description", null);
    expected.put("unit", null);
    expected.put("metadata", Map.of());
    expected.put("temporality", null);
    expected.put("is_monotonic", null);
    expected.put("series_labels", labels);
    expected.put("series_fingerprint", Fingerprints.fnv1a64(labels));
    expected.put("flags", 0);
    expected.put("value_double", null);
    expected.put("value_int", null);
    expected.put("count", null);
    expected.put("sum", null);
    expected.put("min", null);
    expected.put("max", null);
    expected.put("explicit_bounds", null);
    expected.put("bucket_counts", null);
    expected.put("scale", null);
    expected.put("zero_count", null);
    expected.put("zero_threshold", null);
    expected.put("positive_offset", null);
    expected.put("positive_bucket_counts", null);
    expected.put("negative_offset", null);
    expected.put("negative_bucket_counts", null);
    expected.put("quantiles", null);
    expected.put("exemplars", List.of());
    expected.put("attributes", Map.of());
    expected.put("resource_attributes", Map.of("service.name", "api", "host.name", "h1"));
    expected.put("resource_schema_url", "https://opentelemetry.io/schemas/1.26.0");
    expected.put("resource_dropped_attributes_count", 1);
    expected.put("scope_name", "meter");
    expected.put("scope_version", "1.0");
    expected.put("scope_attributes", Map.of());
    expected.put("scope_schema_url", "scope-schema");
    expected.put("scope_dropped_attributes_count", 0);
    expected.put("value_types", Map.of());
    return expected;
  }

  @Test
  void gaugeWithExemplarsAndMetadata() {
    Metric gauge =
        Metric.newBuilder()
            .setName("system.cpu.utilization")
            .setDescription("CPU use")
            .setUnit("1")
            .addMetadata(kv("prometheus.type", "gauge"))
            .addMetadata(kv("scrape", bool(true)))
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setStartTimeUnixNano(START)
                            .setTimeUnixNano(TIME)
                            .setAsDouble(0.75)
                            .setFlags(1)
                            .addAttributes(kv("cpu", integer(3)))
                            .addAttributes(kv("state", "user"))
                            .addExemplars(
                                Exemplar.newBuilder()
                                    .setTimeUnixNano(TIME - 5)
                                    .setAsDouble(0.9)
                                    .setTraceId(id("0102030405060708090a0b0c0d0e0f10"))
                                    .setSpanId(id("1112131415161718"))
                                    .addFilteredAttributes(kv("thread", integer(7))))
                            .addExemplars(Exemplar.newBuilder().setTimeUnixNano(TIME - 4).setAsInt(-3))))
            .build();

    MappedRows mapped = MAPPER.mapMetrics("t", request(gauge), NOW);

    assertThat(mapped.accepted()).isEqualTo(1);
    assertThat(mapped.rows()).containsOnlyKeys(Signal.METRICS);
    GenericRecord exemplar0 = GenericRecord.create(elementType("exemplars"));
    exemplar0.setField("time_unix_nano", TIME - 5);
    exemplar0.setField("value_double", 0.9);
    exemplar0.setField("trace_id", buffer("0102030405060708090a0b0c0d0e0f10"));
    exemplar0.setField("span_id", buffer("1112131415161718"));
    exemplar0.setField("filtered_attributes", Map.of("thread", "7"));
    GenericRecord exemplar1 = GenericRecord.create(elementType("exemplars"));
    exemplar1.setField("time_unix_nano", TIME - 4);
    exemplar1.setField("value_int", -3L);
    exemplar1.setField("filtered_attributes", Map.of());

    String labels = "{__name__=\"system.cpu.utilization\", cpu=\"3\", " + RESOURCE_LABELS + ", state=\"user\"}";
    Map<String, Object> expected = expectedPoint("system.cpu.utilization", "gauge", labels);
    expected.put("description", "CPU use");
    expected.put("unit", "1");
    expected.put("metadata", Map.of("prometheus.type", "gauge", "scrape", "true"));
    expected.put("flags", 1);
    expected.put("value_double", 0.75);
    expected.put("exemplars", List.of(exemplar0, exemplar1));
    expected.put("attributes", Map.of("cpu", "3", "state", "user"));
    expected.put(
        "value_types",
        Map.of("metadata.scrape", "bool", "attributes.cpu", "int", "exemplars.0.thread", "int"));
    assertRow(mapped.rowsFor(Signal.METRICS).get(0), expected);
  }

  @Test
  void sumWithIntValues() {
    Metric sum =
        Metric.newBuilder()
            .setName("http.server.requests")
            .setUnit("{request}")
            .setSum(
                Sum.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .setIsMonotonic(true)
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setStartTimeUnixNano(START)
                            .setTimeUnixNano(TIME)
                            .setAsInt(Long.MAX_VALUE)
                            .addAttributes(kv("http.method", "GET"))))
            .build();

    Record row = MAPPER.mapMetrics("t", request(sum), NOW).rowsFor(Signal.METRICS).get(0);

    String labels = "{__name__=\"http.server.requests\", http.method=\"GET\", " + RESOURCE_LABELS + "}";
    Map<String, Object> expected = expectedPoint("http.server.requests", "sum", labels);
    expected.put("unit", "{request}");
    expected.put("temporality", 2);
    expected.put("is_monotonic", true);
    expected.put("value_int", Long.MAX_VALUE);
    expected.put("attributes", Map.of("http.method", "GET"));
    assertRow(row, expected);
  }

  @Test
  void histogram() {
    Metric histogram =
        Metric.newBuilder()
            .setName("http.server.duration")
            .setUnit("ms")
            .setHistogram(
                Histogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setStartTimeUnixNano(START)
                            .setTimeUnixNano(TIME)
                            .setCount(10)
                            .setSum(123.5)
                            .setMin(0.5)
                            .setMax(80)
                            .addAllBucketCounts(List.of(1L, 2L, 7L))
                            .addAllExplicitBounds(List.of(1.0, 10.0))
                            .addExemplars(Exemplar.newBuilder().setTimeUnixNano(TIME).setAsDouble(80)))
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setTimeUnixNano(TIME)
                            .setCount(0)
                            .addBucketCounts(0)))
            .build();

    List<Record> rows = MAPPER.mapMetrics("t", request(histogram), NOW).rowsFor(Signal.METRICS);

    assertThat(rows).hasSize(2);
    GenericRecord exemplar = GenericRecord.create(elementType("exemplars"));
    exemplar.setField("time_unix_nano", TIME);
    exemplar.setField("value_double", 80.0);
    exemplar.setField("filtered_attributes", Map.of());
    String labels = "{__name__=\"http.server.duration\", " + RESOURCE_LABELS + "}";
    Map<String, Object> expected = expectedPoint("http.server.duration", "histogram", labels);
    expected.put("unit", "ms");
    expected.put("temporality", 1);
    expected.put("count", 10L);
    expected.put("sum", 123.5);
    expected.put("min", 0.5);
    expected.put("max", 80.0);
    expected.put("bucket_counts", List.of(1L, 2L, 7L));
    expected.put("explicit_bounds", List.of(1.0, 10.0));
    expected.put("exemplars", List.of(exemplar));
    assertRow(rows.get(0), expected);

    Record noOptionals = rows.get(1);
    assertThat(noOptionals.getField("sum")).isNull();
    assertThat(noOptionals.getField("min")).isNull();
    assertThat(noOptionals.getField("max")).isNull();
    assertThat(noOptionals.getField("count")).isEqualTo(0L);
    assertThat(noOptionals.getField("start_timestamp")).isNull();
    assertThat(noOptionals.getField("start_timestamp_nanos")).isNull();
    assertThat(noOptionals.getField("bucket_counts")).isEqualTo(List.of(0L));
    assertThat(noOptionals.getField("explicit_bounds")).isEqualTo(List.of());
    assertThat(noOptionals.getField("series_labels")).isEqualTo(labels);
  }

  @Test
  void exponentialHistogram() {
    Metric metric =
        Metric.newBuilder()
            .setName("rpc.latency")
            .setExponentialHistogram(
                ExponentialHistogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        ExponentialHistogramDataPoint.newBuilder()
                            .setStartTimeUnixNano(START)
                            .setTimeUnixNano(TIME)
                            .setCount(9)
                            .setSum(-4.5)
                            .setMin(-3)
                            .setMax(2)
                            .setScale(-2)
                            .setZeroCount(3)
                            .setZeroThreshold(1e-9)
                            .setPositive(
                                ExponentialHistogramDataPoint.Buckets.newBuilder()
                                    .setOffset(-1)
                                    .addBucketCounts(1)
                                    .addBucketCounts(2))
                            .setNegative(
                                ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(2).addBucketCounts(3))
                            .addExemplars(Exemplar.newBuilder().setTimeUnixNano(TIME).setAsInt(2)
                                .setSpanId(id("0000000000000001")))))
            .build();

    Record row = MAPPER.mapMetrics("t", request(metric), NOW).rowsFor(Signal.METRICS).get(0);

    GenericRecord exemplar = GenericRecord.create(elementType("exemplars"));
    exemplar.setField("time_unix_nano", TIME);
    exemplar.setField("value_int", 2L);
    exemplar.setField("span_id", buffer("0000000000000001"));
    exemplar.setField("filtered_attributes", Map.of());
    String labels = "{__name__=\"rpc.latency\", " + RESOURCE_LABELS + "}";
    Map<String, Object> expected = expectedPoint("rpc.latency", "exponential_histogram", labels);
    expected.put("temporality", 2);
    expected.put("count", 9L);
    expected.put("sum", -4.5);
    expected.put("min", -3.0);
    expected.put("max", 2.0);
    expected.put("scale", -2);
    expected.put("zero_count", 3L);
    expected.put("zero_threshold", 1e-9);
    expected.put("positive_offset", -1);
    expected.put("positive_bucket_counts", List.of(1L, 2L));
    expected.put("negative_offset", 2);
    expected.put("negative_bucket_counts", List.of(3L));
    expected.put("exemplars", List.of(exemplar));
    assertRow(row, expected);
  }

  @Test
  void summary() {
    Metric metric =
        Metric.newBuilder()
            .setName("gc.pause")
            .setSummary(
                Summary.newBuilder()
                    .addDataPoints(
                        SummaryDataPoint.newBuilder()
                            .setStartTimeUnixNano(START)
                            .setTimeUnixNano(TIME)
                            .setCount(4)
                            .setSum(0)
                            .setFlags(1)
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(1.5))
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(9))))
            .build();

    Record row = MAPPER.mapMetrics("t", request(metric), NOW).rowsFor(Signal.METRICS).get(0);

    GenericRecord median = GenericRecord.create(elementType("quantiles"));
    median.setField("quantile", 0.5);
    median.setField("value", 1.5);
    GenericRecord p99 = GenericRecord.create(elementType("quantiles"));
    p99.setField("quantile", 0.99);
    p99.setField("value", 9.0);
    String labels = "{__name__=\"gc.pause\", " + RESOURCE_LABELS + "}";
    Map<String, Object> expected = expectedPoint("gc.pause", "summary", labels);
    expected.put("flags", 1);
    expected.put("count", 4L);
    expected.put("sum", 0.0);
    expected.put("quantiles", List.of(median, p99));
    expected.put("exemplars", null);
    assertRow(row, expected);
  }

  @Test
  void seriesLabelsSortEverythingAndKeepTheMetricName() {
    Metric metric =
        Metric.newBuilder()
            .setName("up")
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(TIME)
                            .setAsInt(1)
                            .addAttributes(kv("Zone", "a\"b"))
                            .addAttributes(kv("__name__", "spoofed"))
                            .addAttributes(kv("resource.service.name", "override"))
                            .addAttributes(kv("z", "last")))
                    .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(TIME).setAsInt(0)))
            .build();

    List<Record> rows = MAPPER.mapMetrics("t", request(metric), NOW).rowsFor(Signal.METRICS);

    assertThat(rows.get(0).getField("series_labels"))
        .isEqualTo("{Zone=\"a\\\"b\", __name__=\"up\", resource.host.name=\"h1\", "
            + "resource.service.name=\"override\", scope.name=\"meter\", scope.version=\"1.0\", z=\"last\"}");
    assertThat(rows.get(0).getField("attributes")).isEqualTo(Map.of("Zone", "a\"b", "__name__", "spoofed",
        "resource.service.name", "override", "z", "last"));
    assertThat(rows.get(1).getField("series_labels")).isEqualTo("{__name__=\"up\", " + RESOURCE_LABELS + "}");
    assertThat(rows.get(0).getField("series_fingerprint")).isNotEqualTo(rows.get(1).getField("series_fingerprint"));
    assertThat(LabelSets.parse((String) rows.get(0).getField("series_labels"))).containsEntry("__name__", "up");
  }

  @Test
  void seriesLabelsWithoutScope() {
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("m")
                                    .setGauge(Gauge.newBuilder().addDataPoints(
                                        NumberDataPoint.newBuilder().setTimeUnixNano(TIME))))))
            .build();

    Record row = MAPPER.mapMetrics("t", request, NOW).rowsFor(Signal.METRICS).get(0);

    assertThat(row.getField("series_labels")).isEqualTo("{__name__=\"m\"}");
    assertThat(row.getField("service_name")).isEqualTo("unknown_service");
    assertThat(row.getField("value_double")).isNull();
    assertThat(row.getField("value_int")).isNull();
  }

  @Test
  void invalidPointsAreRejectedAndTheOthersKept() {
    Metric cpu =
        Metric.newBuilder()
            .setName("cpu")
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(TIME).setAsDouble(1))
                    .addDataPoints(NumberDataPoint.newBuilder().setAsDouble(2))
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(TIME)
                            .addExemplars(Exemplar.newBuilder().setSpanId(ByteString.copyFrom(new byte[2])))))
            .build();
    Metric old =
        Metric.newBuilder()
            .setName("old")
            .setSummary(Summary.newBuilder().addDataPoints(
                SummaryDataPoint.newBuilder().setTimeUnixNano(NOW - Duration.ofDays(30).toNanos())))
            .build();
    Metric ok =
        Metric.newBuilder()
            .setName("ok")
            .setHistogram(Histogram.newBuilder().addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(TIME)))
            .build();

    MappedRows mapped = MAPPER.mapMetrics("t", request(cpu, old, ok), NOW);

    assertThat(mapped.accepted()).isEqualTo(2);
    assertThat(mapped.rejected()).isEqualTo(3);
    assertThat(mapped.rejectionMessage())
        .isEqualTo("data point 1 of metric 0 'cpu' of scope 0 of resource 0: time_unix_nano is not set "
            + "(and 2 more rejected records)");
    assertThat(mapped.rowsFor(Signal.METRICS)).extracting(r -> r.getField("metric_name")).containsExactly("cpu", "ok");
    assertThat(MAPPER.mapMetrics("t", request(old), NOW).rejectionMessage())
        .startsWith("data point 0 of metric 0 'old' of scope 0 of resource 0: time_unix_nano 2023-10-15T22:13:20");
    Metric badExemplar = cpu.toBuilder().setGauge(Gauge.newBuilder().addDataPoints(cpu.getGauge().getDataPoints(2)))
        .build();
    assertThat(MAPPER.mapMetrics("t", request(badExemplar), NOW).rejectionMessage())
        .isEqualTo("data point 0 of metric 0 'cpu' of scope 0 of resource 0: exemplar 0: span_id must be 8 bytes, "
            + "got 2");
  }

  @Test
  void attributeLimitCountsMetadataAndPointAttributes() {
    OtlpMapper strict =
        new OtlpMapper(new MappingConfig(new MappingLimits(Duration.ofDays(1), Duration.ZERO, 4, 100, 1024), List.of()));
    // Resource 2 + scope 0 + metadata 1 + point attributes.
    Metric metric =
        Metric.newBuilder()
            .setName("m")
            .addMetadata(kv("k", "v"))
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(TIME).addAttributes(kv("a", "1")))
                    .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(TIME).addAttributes(kv("a", "1"))
                        .addAttributes(kv("b", "2"))))
            .build();

    MappedRows mapped = strict.mapMetrics("t", request(metric), NOW);

    assertThat(mapped.accepted()).isEqualTo(1);
    assertThat(mapped.rejectionMessage())
        .isEqualTo("data point 1 of metric 0 'm' of scope 0 of resource 0: has 5 attributes with its resource and "
            + "scope, more than the limit of 4");
  }
}
