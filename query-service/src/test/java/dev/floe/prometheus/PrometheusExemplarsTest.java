package dev.floe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.lang.Labels;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected exemplars from the OpenTelemetry specification: on histograms and monotonic sums only, with
 * {@code trace_id} and {@code span_id} labels, filtered attributes as labels unless they exceed
 * OpenMetrics' limit of 128 characters, a histogram exemplar on the bucket whose {@code le} it falls
 * within.
 */
class PrometheusExemplarsTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  private final PrometheusTranslator translator = new PrometheusTranslator(TranslationConfig.DEFAULTS);

  private static Exemplar exemplar(double value, Map<String, String> attributes) {
    return Exemplar.of(1_700_000_000_500_000_000L, value, null, ByteBuffer.wrap(HexFormat.of().parseHex(TRACE)),
        ByteBuffer.wrap(HexFormat.of().parseHex(SPAN)), attributes);
  }

  @Test
  void histogramExemplarGoesToTheBucketItFallsIn() {
    SeriesIdentity identity = new SeriesIdentity(Labels.of("__name__", "http.server.duration"),
        MetricType.HISTOGRAM, "ms", false, Temporality.CUMULATIVE);
    MetricPoint point = new MetricPoint(identity, 0, 1_700_000_001_000_000_000L, 0,
        new PointValue.Histogram(3, 112.0, new double[] {0, 5, 10}, new long[] {0, 1, 1, 1}));

    List<PrometheusExemplar> exemplars = translator.exemplars(translator.translate(identity), point,
        List.of(exemplar(7, Map.of()), exemplar(5, Map.of()), exemplar(100, Map.of())));

    assertThat(exemplars).map(e -> e.series().get("le")).containsExactly("10", "5", "+Inf");
    assertThat(exemplars).map(e -> e.series().get("__name__"))
        .containsOnly("http_server_duration_milliseconds_bucket");
    assertThat(exemplars.get(0).labels()).isEqualTo(Labels.of("trace_id", TRACE, "span_id", SPAN));
    assertThat(exemplars.get(0).timestampMillis()).isEqualTo(1_700_000_000_500L);
    assertThat(exemplars.get(0).value()).isEqualTo(7);
  }

  @Test
  void counterExemplarCarriesFilteredAttributes() {
    SeriesIdentity identity = new SeriesIdentity(Labels.of("__name__", "orders", "region", "eu"),
        MetricType.SUM, "", true, Temporality.CUMULATIVE);
    MetricPoint point = new MetricPoint(identity, 0, 1_700_000_001_000_000_000L, 0, new PointValue.Number(9));

    List<PrometheusExemplar> exemplars = translator.exemplars(translator.translate(identity), point,
        List.of(Exemplar.of(1_700_000_000_500_000_000L, null, 1L,
            ByteBuffer.wrap(HexFormat.of().parseHex(TRACE)), null, Map.of("user.id", "alice"))));

    assertThat(exemplars).singleElement().satisfies(e -> {
      assertThat(e.series()).isEqualTo(Labels.of("__name__", "orders_total", "region", "eu"));
      assertThat(e.labels()).isEqualTo(Labels.of("trace_id", TRACE, "user.id", "alice"));
      assertThat(e.value()).isEqualTo(1);
    });
  }

  @Test
  void attributesBeyondTheLengthLimitAreLeftOut() {
    SeriesIdentity identity = new SeriesIdentity(Labels.of("__name__", "orders"),
        MetricType.SUM, "", true, Temporality.CUMULATIVE);
    MetricPoint point = new MetricPoint(identity, 0, 1_700_000_001_000_000_000L, 0, new PointValue.Number(9));

    List<PrometheusExemplar> exemplars = translator.exemplars(translator.translate(identity), point,
        List.of(exemplar(1, Map.of("query", "x".repeat(100)))));

    assertThat(exemplars).singleElement()
        .satisfies(e -> assertThat(e.labels()).isEqualTo(Labels.of("trace_id", TRACE, "span_id", SPAN)));
  }

  @Test
  void gaugesAndNonMonotonicSumsHaveNoExemplars() {
    for (MetricType type : List.of(MetricType.GAUGE, MetricType.SUM)) {
      SeriesIdentity identity = new SeriesIdentity(Labels.of("__name__", "queue.size"),
          type, "", false, Temporality.CUMULATIVE);
      MetricPoint point = new MetricPoint(identity, 0, 1_700_000_001_000_000_000L, 0, new PointValue.Number(9));

      assertThat(translator.exemplars(translator.translate(identity), point, List.of(exemplar(1, Map.of()))))
          .isEmpty();
    }
  }

  @Test
  void nativeHistogramExemplarGoesToItsSeries() {
    SeriesIdentity identity = new SeriesIdentity(Labels.of("__name__", "latency"),
        MetricType.EXPONENTIAL_HISTOGRAM, "s", false, Temporality.CUMULATIVE);
    MetricPoint point = new MetricPoint(identity, 0, 1_700_000_001_000_000_000L, 0,
        new PointValue.ExponentialHistogram(1, 0.3, 0, 0, 0, -2, new long[] {1}, 0, new long[0]));

    assertThat(translator.exemplars(translator.translate(identity), point, List.of(exemplar(0.3, Map.of()))))
        .singleElement()
        .satisfies(e -> assertThat(e.series()).isEqualTo(Labels.of("__name__", "latency_seconds")));
  }
}
