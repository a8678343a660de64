package dev.floe.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected label names from the OpenTelemetry specification (invalid characters become {@code _}) and
 * Prometheus's OTLP receiver defaults ({@code label_name_underscore_sanitization} and {@code
 * label_name_preserve_multiple_underscores} both true).
 */
class PrometheusLabelNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      value = {
        "http.request.method|http_request_method",
        "k8s.pod.name|k8s_pod_name",
        "foo-bar/baz|foo_bar_baz",
        "a..b|a__b",
        "héllo|h_llo",
        "1st.attempt|key_1st_attempt",
        "_private|key_private",
        "__reserved|__reserved",
        "Already_Valid_1|Already_Valid_1"
      },
      delimiter = '|')
  void sanitizes(String key, String expected) {
    assertThat(LabelNames.of(key)).isEqualTo(expected);
  }
}
