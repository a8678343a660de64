package dev.floe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.lang.Labels;
import org.junit.jupiter.api.Test;

/**
 * One {@code target_info} series per resource, value 1, while the resource reports; as Prometheus
 * deduplicates target_info samples of one label set and time, two series of a resource make one.
 */
class PrometheusTargetInfoTest {
  private final PrometheusTranslator translator = new PrometheusTranslator(TranslationConfig.DEFAULTS);

  private TranslatedSeries series(String metric, String instance) {
    return translator.translate(new SeriesIdentity(Labels.of("__name__", metric,
        "resource.service.name", "api", "resource.service.instance.id", instance, "resource.host.name", "h1"),
        MetricType.GAUGE, "", false, Temporality.UNSPECIFIED));
  }

  @Test
  void oneSampleOfValueOnePerResourceAndTime() {
    TargetInfoSamples samples = new TargetInfoSamples();
    samples.add(series("cpu", "a"), 10_000_000_000L);
    samples.add(series("memory", "a"), 10_000_000_000L);
    samples.add(series("cpu", "a"), 25_000_000_000L);
    samples.add(series("cpu", "b"), 10_000_000_000L);
    samples.add(translator.translate(new SeriesIdentity(Labels.of("__name__", "cpu"),
        MetricType.GAUGE, "", false, Temporality.UNSPECIFIED)), 10_000_000_000L);
    RecordingSink sink = new RecordingSink();

    samples.emit(sink);

    String a = "{__name__=\"target_info\", host_name=\"h1\", instance=\"a\", job=\"api\"}";
    String b = "{__name__=\"target_info\", host_name=\"h1\", instance=\"b\", job=\"api\"}";
    assertThat(sink.log).containsExactly(a + "@10000=1.0", a + "@25000=1.0", b + "@10000=1.0");
  }
}
