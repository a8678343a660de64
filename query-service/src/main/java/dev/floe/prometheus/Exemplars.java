package dev.floe.prometheus;

import dev.floe.prometheus.PointValue.Histogram;
import dev.floe.prometheus.TranslatedSeries.Shape;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** OTLP exemplars as Prometheus's OTLP receiver stores them; see {@link PrometheusTranslator#exemplars}. */
final class Exemplars {
  /** Prometheus keeps an exemplar's attributes only while its labels are at most this many characters. */
  static final int MAX_LABEL_CHARS = 128;
  static final String TRACE_ID_LABEL = "trace_id";
  static final String SPAN_ID_LABEL = "span_id";

  private Exemplars() {}

  static List<PrometheusExemplar> translate(TranslatedSeries series, MetricPoint point, List<Exemplar> exemplars) {
    List<PrometheusExemplar> out = new ArrayList<>(exemplars.size());
    boolean counter = series.shape() == Shape.FLOAT && series.type() == FamilyType.COUNTER;
    if (exemplars.isEmpty() || !(counter || series.type() == FamilyType.HISTOGRAM)
        || series.series().isEmpty()) {
      return out;
    }
    double[] bounds = point.value() instanceof Histogram histogram ? histogram.bounds() : null;
    for (Exemplar exemplar : exemplars) {
      Labels target = series.main();
      if (series.shape() == Shape.CLASSIC_HISTOGRAM) {
        double bound = Double.POSITIVE_INFINITY;
        for (int i = 0; bounds != null && i < bounds.length; i++) {
          if (bounds[i] >= exemplar.value()) {
            bound = bounds[i];
            break;
          }
        }
        target = series.withExtraLabel(bound);
      }
      out.add(new PrometheusExemplar(target, exemplarLabels(exemplar), exemplar.value(),
          exemplar.timeNanos() / 1_000_000));
    }
    return out;
  }

  /** Trace and span ids, and the filtered attributes unless they make the labels too long. */
  private static Labels exemplarLabels(Exemplar exemplar) {
    Labels.Builder labels = Labels.builder();
    int chars = 0;
    if (!exemplar.traceId().isEmpty()) {
      labels.set(TRACE_ID_LABEL, exemplar.traceId());
      chars += TRACE_ID_LABEL.length() + exemplar.traceId().length();
    }
    if (!exemplar.spanId().isEmpty()) {
      labels.set(SPAN_ID_LABEL, exemplar.spanId());
      chars += SPAN_ID_LABEL.length() + exemplar.spanId().length();
    }
    Map<String, String> attributes = new HashMap<>();
    for (Map.Entry<String, String> attribute : exemplar.filteredAttributes().entrySet()) {
      String key = attribute.getKey();
      if (key.equals(TRACE_ID_LABEL) && !exemplar.traceId().isEmpty()
          || key.equals(SPAN_ID_LABEL) && !exemplar.spanId().isEmpty()) {
        continue;
      }
      chars += key.codePointCount(0, key.length())
          + attribute.getValue().codePointCount(0, attribute.getValue().length());
      attributes.put(key, attribute.getValue());
    }
    if (chars <= MAX_LABEL_CHARS) {
      attributes.forEach(labels::set);
    }
    return labels.build();
  }
}
