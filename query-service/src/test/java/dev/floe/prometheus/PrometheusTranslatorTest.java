package dev.floe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.floe.lang.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected series from the OpenTelemetry specification "Prometheus and OpenMetrics Compatibility" and
 * the documented defaults of Prometheus 3's OTLP receiver.
 */
class PrometheusTranslatorTest {
  private static final long TIME_NANOS = 1_700_000_000_123_456_789L;
  private static final long TIME_MILLIS = 1_700_000_000_123L;

  private final PrometheusTranslator translator = new PrometheusTranslator(TranslationConfig.DEFAULTS);

  private static TranslationConfig config(List<String> promoted, boolean keepIdentifying, boolean promoteScope) {
    return new TranslationConfig(
        TranslationStrategy.UNDERSCORE_ESCAPING_WITH_SUFFIXES, promoted, keepIdentifying, promoteScope);
  }

  /** A checkout service's resource and scope, as series_labels stores them, plus the point's labels. */
  private static Labels stored(String metricName, String... pointLabels) {
    return Labels.of(pointLabels).toBuilder()
        .set("__name__", metricName)
        .set("resource.service.name", "checkout")
        .set("resource.service.namespace", "shop")
        .set("resource.service.instance.id", "pod-1")
        .set("resource.host.name", "node-7")
        .set("resource.k8s.namespace.name", "prod")
        .set("scope.name", "io.opentelemetry.http")
        .set("scope.version", "1.2.0")
        .build();
  }

  private static SeriesIdentity histogramIdentity() {
    return new SeriesIdentity(stored("http.server.duration", "http.method", "GET", "http.status_code", "200"),
        MetricType.HISTOGRAM, "ms", false, Temporality.CUMULATIVE);
  }

  @Test
  void histogramBecomesBucketSumAndCountSeries() {
    TranslatedSeries series = translator.translate(histogramIdentity());
    String labels = "http_method=\"GET\", http_status_code=\"200\", instance=\"pod-1\", job=\"shop/checkout\"}";

    assertThat(series.family()).isEqualTo("http_server_duration_milliseconds");
    assertThat(series.type()).isEqualTo(FamilyType.HISTOGRAM);
    assertThat(series.series()).map(Labels::toString).containsExactly(
        "{__name__=\"http_server_duration_milliseconds_bucket\", " + labels,
        "{__name__=\"http_server_duration_milliseconds_sum\", " + labels,
        "{__name__=\"http_server_duration_milliseconds_count\", " + labels);

    RecordingSink sink = new RecordingSink();
    PointValue value = new PointValue.Histogram(10, 123.5, new double[] {0, 5, 10, 25}, new long[] {0, 2, 3, 1, 4});
    translator.emit(series, new MetricPoint(histogramIdentity(), 0, TIME_NANOS, 0, value), sink);

    String bucket = "{__name__=\"http_server_duration_milliseconds_bucket\", http_method=\"GET\", "
        + "http_status_code=\"200\", instance=\"pod-1\", job=\"shop/checkout\", le=";
    assertThat(sink.samples).containsOnly(
        entry("{__name__=\"http_server_duration_milliseconds_sum\", " + labels, 123.5),
        entry("{__name__=\"http_server_duration_milliseconds_count\", " + labels, 10.0),
        entry(bucket + "\"0\"}", 0.0),
        entry(bucket + "\"5\"}", 2.0),
        entry(bucket + "\"10\"}", 5.0),
        entry(bucket + "\"25\"}", 6.0),
        entry(bucket + "\"+Inf\"}", 10.0));
    assertThat(sink.timestamps).containsOnly(TIME_MILLIS);
  }

  @Test
  void histogramWithoutSumHasNoSumSeries() {
    RecordingSink sink = new RecordingSink();
    PointValue value = new PointValue.Histogram(3, null, new double[] {1}, new long[] {1, 2});
    translator.emit(translator.translate(histogramIdentity()),
        new MetricPoint(histogramIdentity(), 0, TIME_NANOS, 0, value), sink);

    assertThat(sink.samples.keySet()).noneMatch(labels -> labels.contains("_sum\""));
    assertThat(sink.samples).hasSize(3);
  }

  @Test
  void bucketBoundsAreWrittenAsShortestDecimals() {
    RecordingSink sink = new RecordingSink();
    PointValue value = new PointValue.Histogram(
        0, 0.0, new double[] {0.005, 0.25, 1, 2.5, 1_000_000}, new long[] {0, 0, 0, 0, 0, 0});
    translator.emit(translator.translate(histogramIdentity()),
        new MetricPoint(histogramIdentity(), 0, TIME_NANOS, 0, value), sink);

    assertThat(sink.samples.keySet())
        .filteredOn(labels -> labels.contains("_bucket"))
        .map(labels -> labels.substring(labels.indexOf("le=")))
        .containsExactly("le=\"0.005\"}", "le=\"0.25\"}", "le=\"1\"}", "le=\"2.5\"}", "le=\"1000000\"}",
            "le=\"+Inf\"}");
  }

  @Test
  void otherResourceAttributesGoToTargetInfo() {
    TranslatedSeries series = translator.translate(histogramIdentity());

    assertThat(series.targetInfo()).isEqualTo(Labels.of(
        "__name__", "target_info", "job", "shop/checkout", "instance", "pod-1",
        "host_name", "node-7", "k8s_namespace_name", "prod"));
  }

  @Test
  void keptIdentifyingAttributesStayInTargetInfo() {
    PrometheusTranslator keeping = new PrometheusTranslator(config(List.of(), true, false));

    assertThat(keeping.translate(histogramIdentity()).targetInfo().toMap()).containsKeys(
        "service_name", "service_namespace", "service_instance_id", "job", "instance", "host_name");
  }

  @Test
  void jobIsServiceNameWithoutNamespace() {
    Labels labels = Labels.of("__name__", "queue.size", "resource.service.name", "worker");
    TranslatedSeries series =
        translator.translate(new SeriesIdentity(labels, MetricType.GAUGE, "", false, Temporality.UNSPECIFIED));

    assertThat(series.series()).containsExactly(Labels.of("__name__", "queue_size", "job", "worker"));
    // Only job and instance: target_info would say nothing more.
    assertThat(series.targetInfo()).isEqualTo(Labels.EMPTY);
  }

  @Test
  void noTargetInfoWithoutJobOrInstance() {
    Labels labels = Labels.of("__name__", "queue.size", "resource.host.name", "node-7");
    TranslatedSeries series =
        translator.translate(new SeriesIdentity(labels, MetricType.GAUGE, "", false, Temporality.UNSPECIFIED));

    assertThat(series.series()).containsExactly(Labels.of("__name__", "queue_size"));
    assertThat(series.targetInfo()).isEqualTo(Labels.EMPTY);
  }

  @Test
  void promotedResourceAttributesBecomeLabelsButDoNotReplacePointAttributes() {
    PrometheusTranslator promoting =
        new PrometheusTranslator(config(List.of("k8s.namespace.name", "host.name"), false, false));
    SeriesIdentity identity = new SeriesIdentity(stored("queue.size", "host.name", "from-point"),
        MetricType.GAUGE, "", false, Temporality.UNSPECIFIED);

    TranslatedSeries series = promoting.translate(identity);

    assertThat(series.series().get(0).toMap()).containsEntry("k8s_namespace_name", "prod")
        .containsEntry("host_name", "from-point");
    assertThat(series.targetInfo().toMap()).containsEntry("k8s_namespace_name", "prod");
  }

  @Test
  void scopeLabelsOnlyWhenPromoted() {
    SeriesIdentity identity = histogramIdentity();
    PrometheusTranslator promoting = new PrometheusTranslator(config(List.of(), false, true));

    assertThat(translator.translate(identity).series().get(0).toMap())
        .doesNotContainKeys("otel_scope_name", "otel_scope_version");
    assertThat(promoting.translate(identity).series().get(0).toMap())
        .containsEntry("otel_scope_name", "io.opentelemetry.http")
        .containsEntry("otel_scope_version", "1.2.0");
  }

  @Test
  void collidingAttributesJoinValuesInKeyOrder() {
    Labels labels = Labels.of("__name__", "x", "a_b", "second", "a.b", "first");
    TranslatedSeries series =
        translator.translate(new SeriesIdentity(labels, MetricType.GAUGE, "", false, Temporality.UNSPECIFIED));

    assertThat(series.series()).containsExactly(Labels.of("__name__", "x", "a_b", "first;second"));
  }

  @Test
  void jobAndInstanceReplacePointAttributesOfThoseNames() {
    SeriesIdentity identity = new SeriesIdentity(stored("queue.size", "job", "batch", "instance", "mine"),
        MetricType.GAUGE, "", false, Temporality.UNSPECIFIED);

    assertThat(translator.translate(identity).series().get(0).toMap())
        .containsEntry("job", "shop/checkout")
        .containsEntry("instance", "pod-1");
  }

  @Test
  void monotonicSumIsCounterWithIntValueAsDouble() {
    SeriesIdentity identity = new SeriesIdentity(stored("http.server.requests", "http.method", "GET"),
        MetricType.SUM, "{request}", true, Temporality.CUMULATIVE);
    TranslatedSeries series = translator.translate(identity);
    RecordingSink sink = new RecordingSink();

    translator.emit(series, new MetricPoint(identity, 0, TIME_NANOS, 0, PointValue.Number.of(null, 42L)), sink);

    assertThat(series.type()).isEqualTo(FamilyType.COUNTER);
    assertThat(sink.samples).containsExactly(entry(
        "{__name__=\"http_server_requests_total\", http_method=\"GET\", instance=\"pod-1\", job=\"shop/checkout\"}",
        42.0));
  }

  @Test
  void nonMonotonicSumIsGauge() {
    SeriesIdentity identity = new SeriesIdentity(stored("http.server.active_requests"),
        MetricType.SUM, "{request}", false, Temporality.CUMULATIVE);

    assertThat(translator.translate(identity).type()).isEqualTo(FamilyType.GAUGE);
    assertThat(translator.translate(identity).family()).isEqualTo("http_server_active_requests");
  }

  @Test
  void noRecordedValueIsStaleMarker() {
    SeriesIdentity identity = new SeriesIdentity(stored("queue.size"),
        MetricType.GAUGE, "", false, Temporality.UNSPECIFIED);
    RecordingSink sink = new RecordingSink();

    translator.emit(translator.translate(identity), new MetricPoint(identity, 0, TIME_NANOS,
        MetricPoint.FLAG_NO_RECORDED_VALUE, new PointValue.Number(3)), sink);

    assertThat(sink.samples.values()).singleElement()
        .satisfies(value -> assertThat(PrometheusTranslator.isStale(value)).isTrue());
    assertThat(PrometheusTranslator.isStale(Double.NaN)).isFalse();
  }

  @Test
  void summaryBecomesQuantileSumAndCountSeries() {
    SeriesIdentity identity = new SeriesIdentity(
        Labels.of("__name__", "rpc.duration", "method", "Get"), MetricType.SUMMARY, "s", false,
        Temporality.UNSPECIFIED);
    TranslatedSeries series = translator.translate(identity);
    RecordingSink sink = new RecordingSink();

    translator.emit(series, new MetricPoint(identity, 0, TIME_NANOS, 0,
        new PointValue.Summary(7, 3.5, new double[] {0.5, 0.99}, new double[] {0.2, 1.5})), sink);

    assertThat(series.type()).isEqualTo(FamilyType.SUMMARY);
    assertThat(sink.samples).containsOnly(
        entry("{__name__=\"rpc_duration_seconds\", method=\"Get\", quantile=\"0.5\"}", 0.2),
        entry("{__name__=\"rpc_duration_seconds\", method=\"Get\", quantile=\"0.99\"}", 1.5),
        entry("{__name__=\"rpc_duration_seconds_sum\", method=\"Get\"}", 3.5),
        entry("{__name__=\"rpc_duration_seconds_count\", method=\"Get\"}", 7.0));
  }

  private static SeriesIdentity exponentialIdentity() {
    return new SeriesIdentity(Labels.of("__name__", "http.server.request.duration"),
        MetricType.EXPONENTIAL_HISTOGRAM, "s", false, Temporality.CUMULATIVE);
  }

  private NativeHistogram emitExponential(PointValue.ExponentialHistogram value) {
    RecordingSink sink = new RecordingSink();
    translator.emit(translator.translate(exponentialIdentity()),
        new MetricPoint(exponentialIdentity(), 0, TIME_NANOS, 0, value), sink);
    assertThat(sink.histograms).containsOnlyKeys("{__name__=\"http_server_request_duration_seconds\"}");
    return sink.histograms.values().iterator().next();
  }

  @Test
  void exponentialHistogramBecomesNativeHistogramWithBucketIndexesShiftedByOne() {
    NativeHistogram histogram = emitExponential(new PointValue.ExponentialHistogram(
        12, 40.0, 3, 2, 0, -2, new long[] {1, 2, 3}, 0, new long[] {4}));

    assertThat(histogram.schema()).isEqualTo(3);
    assertThat(histogram.count()).isEqualTo(12);
    assertThat(histogram.sum()).isEqualTo(40.0);
    assertThat(histogram.zeroCount()).isEqualTo(2);
    // No zero threshold set: the specification's default.
    assertThat(histogram.zeroThreshold()).isEqualTo(1e-128);
    assertThat(histogram.positiveOffset()).isEqualTo(-1);
    assertThat(histogram.positiveBuckets()).containsExactly(1, 2, 3);
    assertThat(histogram.negativeOffset()).isEqualTo(1);
    assertThat(histogram.negativeBuckets()).containsExactly(4);
  }

  @Test
  void scaleAboveEightIsMergedDownToSchemaEight() {
    // Scale 10 to schema 8 merges 4 buckets into one: OTLP bucket i goes to floor(i / 4).
    NativeHistogram histogram = emitExponential(new PointValue.ExponentialHistogram(
        7, 1.0, 10, 0, 0.001, 0, new long[] {1, 1, 1, 1, 1}, -3, new long[] {1, 1}));

    assertThat(histogram.schema()).isEqualTo(8);
    assertThat(histogram.zeroThreshold()).isEqualTo(0.001);
    assertThat(histogram.positiveOffset()).isEqualTo(1);
    assertThat(histogram.positiveBuckets()).containsExactly(4, 1);
    assertThat(histogram.negativeOffset()).isEqualTo(0);
    assertThat(histogram.negativeBuckets()).containsExactly(2);
  }

  @Test
  void scaleBelowMinusFourIsDropped() {
    RecordingSink sink = new RecordingSink();
    translator.emit(translator.translate(exponentialIdentity()), new MetricPoint(exponentialIdentity(), 0,
        TIME_NANOS, 0, new PointValue.ExponentialHistogram(1, 1.0, -5, 0, 0, 0, new long[] {1}, 0, new long[0])),
        sink);

    assertThat(sink.histograms).isEmpty();
    assertThat(sink.dropped).singleElement().asString().contains("scale -5");
  }

  @Test
  void staleExponentialHistogram() {
    RecordingSink sink = new RecordingSink();
    translator.emit(translator.translate(exponentialIdentity()), new MetricPoint(exponentialIdentity(), 0,
        TIME_NANOS, MetricPoint.FLAG_NO_RECORDED_VALUE,
        new PointValue.ExponentialHistogram(1, 1.0, 0, 0, 0, 0, new long[] {1}, 0, new long[0])), sink);

    assertThat(sink.histograms.values()).singleElement().satisfies(h -> assertThat(h.isStale()).isTrue());
  }

  @Test
  void prometheusRowsPassThrough() {
    Labels labels = Labels.of("__name__", "node_cpu_seconds_total", "job", "node", "instance", "host:9100",
        "cpu.core", "0");
    SeriesIdentity identity = new SeriesIdentity(labels, MetricType.PROMETHEUS, "", false, Temporality.UNSPECIFIED);
    TranslatedSeries series = translator.translate(identity);
    RecordingSink sink = new RecordingSink();

    translator.emit(series, new MetricPoint(identity, 0, TIME_NANOS, 0, new PointValue.Number(12.5)), sink);

    assertThat(series.series()).containsExactly(labels);
    assertThat(series.targetInfo()).isEqualTo(Labels.EMPTY);
    assertThat(sink.samples).containsExactly(entry(labels.toString(), 12.5));
  }

  @Test
  void pointOfAnotherKindIsRejected() {
    TranslatedSeries series = translator.translate(histogramIdentity());

    assertThatThrownBy(() -> translator.emit(series,
        new MetricPoint(histogramIdentity(), 0, TIME_NANOS, 0, new PointValue.Number(1)), new RecordingSink()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Number");
  }

  @Test
  void metadataOfFamilies() {
    assertThat(translator.metadata(histogramIdentity(), "Duration of HTTP server requests."))
        .isEqualTo(new MetricMetadata("http_server_duration_milliseconds", FamilyType.HISTOGRAM,
            "Duration of HTTP server requests.", "milliseconds"));
    assertThat(translator.metadata(new SeriesIdentity(Labels.of("__name__", "system.network.io"),
        MetricType.SUM, "By", true, Temporality.DELTA), null))
        .isEqualTo(new MetricMetadata("system_network_io_bytes_total", FamilyType.COUNTER, "", "bytes"));
    assertThat(translator.metadata(new SeriesIdentity(Labels.of("__name__", "system.cpu.utilization"),
        MetricType.GAUGE, "1", false, Temporality.UNSPECIFIED), "CPU"))
        .isEqualTo(new MetricMetadata("system_cpu_utilization_ratio", FamilyType.GAUGE, "CPU", ""));
    assertThat(translator.metadata(new SeriesIdentity(Labels.of("__name__", "up", "job", "node"),
        MetricType.PROMETHEUS, "", false, Temporality.UNSPECIFIED), null))
        .isEqualTo(new MetricMetadata("up", FamilyType.UNKNOWN, "", ""));
  }

  @Test
  void identityFromColumns() {
    SeriesIdentity identity = SeriesIdentity.ofColumns(
        "{__name__=\"http.server.duration\", http.method=\"GET\"}", "histogram", null, null, 2);

    assertThat(identity).isEqualTo(new SeriesIdentity(Labels.of("__name__", "http.server.duration",
        "http.method", "GET"), MetricType.HISTOGRAM, "", false, Temporality.CUMULATIVE));
    assertThatThrownBy(() -> SeriesIdentity.ofColumns("{}", "counter", null, null, null))
        .hasMessageContaining("unknown metric_type 'counter'");
  }

  @Test
  void metricNameWithNothingToKeepMakesNoSamples() {
    SeriesIdentity identity = new SeriesIdentity(Labels.of("__name__", "..."), MetricType.GAUGE, "", false,
        Temporality.UNSPECIFIED);
    TranslatedSeries series = translator.translate(identity);
    RecordingSink sink = new RecordingSink();

    translator.emit(series, new MetricPoint(identity, 0, TIME_NANOS, 0, new PointValue.Number(1)), sink);

    assertThat(series.series()).isEmpty();
    assertThat(sink.samples).isEmpty();
    assertThat(sink.dropped).singleElement().asString().contains("'...'");
  }

  @Test
  void metricNamesOfMetricsWithoutTheirSeries() {
    assertThat(translator.metricNames("http.server.duration", "ms", MetricType.HISTOGRAM, false)).containsExactly(
        "http_server_duration_milliseconds_bucket", "http_server_duration_milliseconds_sum",
        "http_server_duration_milliseconds_count");
    assertThat(translator.metricNames("rpc.duration", "s", MetricType.SUMMARY, false))
        .containsExactly("rpc_duration_seconds", "rpc_duration_seconds_sum", "rpc_duration_seconds_count");
    assertThat(translator.metricNames("http.server.requests", "{request}", MetricType.SUM, true))
        .containsExactly("http_server_requests_total");
    assertThat(translator.metricNames("latency", "s", MetricType.EXPONENTIAL_HISTOGRAM, false))
        .containsExactly("latency_seconds");
    assertThat(translator.metricNames("up", "", MetricType.PROMETHEUS, false)).containsExactly("up");
  }

  @Test
  void numberPointsFromTheirColumns() {
    assertThat(PointValue.Number.of(2.5, null)).isEqualTo(new PointValue.Number(2.5));
    assertThat(PointValue.Number.of(null, 7L)).isEqualTo(new PointValue.Number(7));
    // OTLP lets a point have no value; Prometheus reads it as 0.
    assertThat(PointValue.Number.of(null, null)).isEqualTo(new PointValue.Number(0));
  }

  @Test
  void aScanMaySkipMetricsThatCannotProduceTheQueriedName() {
    assertThat(translator.mayProduce("http.server.duration", "http_server_duration_milliseconds_bucket")).isTrue();
    assertThat(translator.mayProduce("http.server.requests", "http_server_requests_total")).isTrue();
    assertThat(translator.mayProduce("rw_requests_total", "rw_requests_total")).as("remote write").isTrue();
    // A counter moves its "total" word to the end, after the unit.
    assertThat(translator.mayProduce("total.requests", "requests_milliseconds_total")).isTrue();
    assertThat(translator.mayProduce("queue.size", "http_server_requests_total")).isFalse();
    assertThat(translator.mayProduce("http.server.duration", "http_client_duration_milliseconds_bucket")).isFalse();
  }
}
