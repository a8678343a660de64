package dev.floe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected names from the OpenTelemetry specification "Prometheus and OpenMetrics Compatibility" and
 * Prometheus's OTLP documentation (default strategy UnderscoreEscapingWithSuffixes).
 */
class PrometheusMetricNamesTest {

  static Stream<Arguments> names() {
    return Stream.of(
        // Unit abbreviations spelled out; histogram suffixes come after the unit.
        Arguments.of("http.server.duration", "ms", MetricType.HISTOGRAM, false,
            "http_server_duration_milliseconds"),
        Arguments.of("http.server.request.duration", "s", MetricType.HISTOGRAM, false,
            "http_server_request_duration_seconds"),
        Arguments.of("jvm.memory.used", "MiBy", MetricType.SUM, false, "jvm_memory_used_mebibytes"),
        Arguments.of("hw.temperature", "Cel", MetricType.GAUGE, false, "hw_temperature_celsius"),
        Arguments.of("cpu.frequency", "Hz", MetricType.GAUGE, false, "cpu_frequency_hertz"),
        Arguments.of("queue.wait", "min", MetricType.HISTOGRAM, false, "queue_wait_minutes"),
        Arguments.of("disk.usage", "%", MetricType.GAUGE, false, "disk_usage_percent"),
        // An unknown unit is kept as it is.
        Arguments.of("fuel", "gal", MetricType.GAUGE, false, "fuel_gal"),
        // Monotonic sums get _total after the unit.
        Arguments.of("system.network.io", "By", MetricType.SUM, true, "system_network_io_bytes_total"),
        Arguments.of("requests.count", "1", MetricType.SUM, true, "requests_count_total"),
        Arguments.of("memory.usage", "By", MetricType.GAUGE, false, "memory_usage_bytes"),
        // Annotations in braces are dropped: a count of packets is unitless.
        Arguments.of("system.network.packets", "{packet}", MetricType.SUM, true,
            "system_network_packets_total"),
        Arguments.of("http.server.active_requests", "{request}", MetricType.SUM, false,
            "http_server_active_requests"),
        // "1" is "ratio" for gauges only.
        Arguments.of("system.cpu.utilization", "1", MetricType.GAUGE, false,
            "system_cpu_utilization_ratio"),
        Arguments.of("process.open_files", "1", MetricType.SUM, false, "process_open_files"),
        // foo/bar is foo_per_bar, the unit after the slash singular.
        Arguments.of("network.throughput", "By/s", MetricType.GAUGE, false,
            "network_throughput_bytes_per_second"),
        Arguments.of("http.requests.rate", "{request}/s", MetricType.GAUGE, false,
            "http_requests_rate_per_second"),
        // No second unit or _total when the name already has them.
        Arguments.of("request.duration.seconds", "s", MetricType.HISTOGRAM, false,
            "request_duration_seconds"),
        Arguments.of("requests_total", "", MetricType.SUM, true, "requests_total"),
        // Prometheus moves a "total" word to the end rather than adding a second one.
        Arguments.of("total.requests", "", MetricType.SUM, true, "requests_total"),
        // Invalid characters become _, one for a run of them.
        Arguments.of("foo..bar__baz-qux", "", MetricType.GAUGE, false, "foo_bar_baz_qux"),
        Arguments.of("ns:metric", "", MetricType.GAUGE, false, "ns:metric"),
        // A name cannot start with a digit.
        Arguments.of("2xx.responses", "", MetricType.GAUGE, false, "_2xx_responses"));
  }

  @ParameterizedTest(name = "{0} [{1}] {2} -> {4}")
  @MethodSource("names")
  void namesMetrics(String otlpName, String unit, MetricType type, boolean monotonic, String expected) {
    assertThat(MetricNames.metricName(
        otlpName, unit, type, monotonic, TranslationStrategy.UNDERSCORE_ESCAPING_WITH_SUFFIXES)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      value = {"ms|milliseconds", "s|seconds", "By|bytes", "By/s|bytes_per_second", "1|''", "{request}|''",
          "{request}/s|per_second", "''|''", "%|percent"},
      delimiter = '|')
  void namesUnits(String otlpUnit, String expected) {
    assertThat(MetricNames.unit(otlpUnit, TranslationStrategy.UNDERSCORE_ESCAPING_WITH_SUFFIXES))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      value = {
        "UnderscoreEscapingWithSuffixes|http_server_request_duration_seconds|http_request_method",
        "UnderscoreEscapingWithoutSuffixes|http_server_request_duration|http_request_method",
        "NoUTF8EscapingWithSuffixes|http.server.request.duration_seconds|http.request.method",
        "NoTranslation|http.server.request.duration|http.request.method"
      },
      delimiter = '|')
  void namesByStrategy(String strategyName, String metricName, String labelName) {
    TranslationStrategy strategy = TranslationStrategy.of(strategyName);
    PrometheusTranslator translator =
        new PrometheusTranslator(new TranslationConfig(strategy, java.util.List.of(), false, false));
    SeriesIdentity identity = new SeriesIdentity(
        dev.floe.lang.Labels.of("__name__", "http.server.request.duration", "http.request.method", "GET"),
        MetricType.HISTOGRAM, "s", false, Temporality.CUMULATIVE);

    TranslatedSeries series = translator.translate(identity);

    assertThat(series.family()).isEqualTo(metricName);
    assertThat(series.series().get(0).toMap()).containsOnlyKeys("__name__", labelName);
  }

  static Stream<Arguments> suffixesKeepingUtf8() {
    return Stream.of(
        Arguments.of("process.cpu.time", "s", MetricType.SUM, true, "process.cpu.time_seconds_total"),
        Arguments.of("bytes.read_total", "By", MetricType.SUM, true, "bytes.read_bytes_total"),
        Arguments.of("latency_seconds", "s", MetricType.HISTOGRAM, false, "latency_seconds"),
        Arguments.of("cpu.utilization", "1", MetricType.GAUGE, false, "cpu.utilization_ratio"),
        Arguments.of("net.io", "By/s", MetricType.GAUGE, false, "net.io_bytes_per_second"));
  }

  @ParameterizedTest(name = "{0} [{1}] -> {4}")
  @MethodSource("suffixesKeepingUtf8")
  void suffixesKeepingUtf8(String otlpName, String unit, MetricType type, boolean monotonic, String expected) {
    assertThat(MetricNames.metricName(
        otlpName, unit, type, monotonic, TranslationStrategy.NO_UTF8_ESCAPING_WITH_SUFFIXES)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(value = {"http.server.duration|http_server_duration", "a__b..c|a__b_c", "2xx|_2xx", "...|''"},
      delimiter = '|')
  void escapesWithoutSuffixes(String otlpName, String expected) {
    assertThat(MetricNames.metricName(otlpName, "ms", MetricType.SUM, true,
        TranslationStrategy.UNDERSCORE_ESCAPING_WITHOUT_SUFFIXES)).isEqualTo(expected);
  }
}
