package dev.floe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.floe.otlp.MappingConfig;
import dev.floe.otlp.OtlpMapper;
import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

/**
 * OTLP metrics mapped to rows of the metrics table by the ingest mapping, then translated from those
 * rows' columns: the series Prometheus's OTLP receiver would have stored for the same request.
 */
class PrometheusOtlpRowsTest {
  private static final long TIME_NANOS = System.currentTimeMillis() * 1_000_000L;
  private static final String LABELS = "http_method=\"GET\", http_status_code=\"200\", instance=\"pod-1\", "
      + "job=\"shop/checkout\"";

  private final PrometheusTranslator translator = new PrometheusTranslator(TranslationConfig.DEFAULTS);

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  private static ExportMetricsServiceRequest request() {
    List<KeyValue> attributes = List.of(kv("http.method", "GET"), kv("http.status_code", 200));
    Metric histogram = Metric.newBuilder().setName("http.server.duration").setUnit("ms")
        .setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(HistogramDataPoint.newBuilder().addAllAttributes(attributes)
                .setTimeUnixNano(TIME_NANOS).setCount(10).setSum(55)
                .addAllExplicitBounds(List.of(0.0, 5.0, 10.0)).addAllBucketCounts(List.of(1L, 2L, 3L, 4L))))
        .build();
    Metric counter = Metric.newBuilder().setName("http.server.requests").setUnit("{request}")
        .setSum(Sum.newBuilder().setIsMonotonic(true)
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(NumberDataPoint.newBuilder().addAllAttributes(attributes)
                .setTimeUnixNano(TIME_NANOS).setAsInt(42)))
        .build();
    Metric exponential = Metric.newBuilder().setName("http.server.request.duration").setUnit("s")
        .setExponentialHistogram(ExponentialHistogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder().addAllAttributes(attributes)
                .setTimeUnixNano(TIME_NANOS).setCount(3).setSum(1.5).setScale(2).setZeroCount(1)
                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder()
                    .setOffset(-1).addAllBucketCounts(List.of(1L, 1L)))))
        .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder()
            .setResource(Resource.newBuilder()
                .addAttributes(kv("service.name", "checkout"))
                .addAttributes(kv("service.namespace", "shop"))
                .addAttributes(kv("service.instance.id", "pod-1"))
                .addAttributes(kv("host.name", "node-7")))
            .addScopeMetrics(ScopeMetrics.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.http").setVersion("1.2.0"))
                .addAllMetrics(List.of(histogram, counter, exponential))))
        .build();
  }

  /** The point of a row, as the query service reads the columns. */
  @SuppressWarnings("unchecked")
  private static MetricPoint point(Record row) {
    SeriesIdentity identity = SeriesIdentity.ofColumns((String) row.getField("series_labels"),
        (String) row.getField("metric_type"), (String) row.getField("unit"),
        (Boolean) row.getField("is_monotonic"), (Integer) row.getField("temporality"));
    long timeNanos = (Long) row.getField("timestamp") * 1000 + (Integer) row.getField("timestamp_nanos");
    PointValue value = switch (identity.type()) {
      case GAUGE, SUM -> PointValue.Number.of((Double) row.getField("value_double"), (Long) row.getField("value_int"));
      case HISTOGRAM -> PointValue.Histogram.of((Long) row.getField("count"), (Double) row.getField("sum"),
          (List<Double>) row.getField("explicit_bounds"), (List<Long>) row.getField("bucket_counts"));
      case EXPONENTIAL_HISTOGRAM -> PointValue.ExponentialHistogram.of((Long) row.getField("count"),
          (Double) row.getField("sum"), (Integer) row.getField("scale"), (Long) row.getField("zero_count"),
          (Double) row.getField("zero_threshold"), (Integer) row.getField("positive_offset"),
          (List<Long>) row.getField("positive_bucket_counts"), (Integer) row.getField("negative_offset"),
          (List<Long>) row.getField("negative_bucket_counts"));
      default -> throw new IllegalStateException("no such point in the request: " + identity.type());
    };
    return new MetricPoint(identity, 0, timeNanos, (Integer) row.getField("flags"), value);
  }

  @Test
  void rowsTranslateAsPrometheusWouldHaveStoredTheRequest() {
    List<Record> rows = new OtlpMapper(MappingConfig.defaults())
        .mapMetrics("t", request(), TIME_NANOS).rowsFor(Signal.METRICS);
    RecordingSink sink = new RecordingSink();
    TargetInfoSamples targetInfo = new TargetInfoSamples();

    for (Record row : rows) {
      MetricPoint point = point(row);
      TranslatedSeries series = translator.translate(point.series());
      translator.emit(series, point, sink);
      targetInfo.add(series, point.timeNanos());
    }
    targetInfo.emit(sink);

    String bucket = "{__name__=\"http_server_duration_milliseconds_bucket\", " + LABELS + ", le=";
    assertThat(sink.samples).containsOnly(
        entry(bucket + "\"0\"}", 1.0),
        entry(bucket + "\"5\"}", 3.0),
        entry(bucket + "\"10\"}", 6.0),
        entry(bucket + "\"+Inf\"}", 10.0),
        entry(
            "{__name__=\"http_server_duration_milliseconds_sum\", " + LABELS + "}", 55.0),
        entry(
            "{__name__=\"http_server_duration_milliseconds_count\", " + LABELS + "}", 10.0),
        entry("{__name__=\"http_server_requests_total\", " + LABELS + "}", 42.0),
        entry("{__name__=\"target_info\", host_name=\"node-7\", "
            + "instance=\"pod-1\", job=\"shop/checkout\"}", 1.0));
    assertThat(sink.histograms).containsOnlyKeys(
        "{__name__=\"http_server_request_duration_seconds\", " + LABELS + "}");
    NativeHistogram histogram = sink.histograms.values().iterator().next();
    assertThat(histogram.schema()).isEqualTo(2);
    assertThat(histogram.positiveOffset()).isEqualTo(0);
    assertThat(histogram.positiveBuckets()).containsExactly(1, 1);
    assertThat(histogram.zeroCount()).isEqualTo(1);
  }
}
