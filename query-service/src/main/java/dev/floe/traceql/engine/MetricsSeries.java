package dev.floe.traceql.engine;

import dev.floe.traceql.Static;
import java.util.List;
import java.util.Map;

/**
 * One result series of a metrics query: its labels in order (TraceQL names such as
 * {@code resource.service.name}, {@code __name__}, {@code p}, {@code __bucket}), a value per bucket
 * (NaN: no sample) and its exemplars.
 */
public record MetricsSeries(List<Map.Entry<String, Static>> labels, double[] values, List<Exemplar> exemplars) {
  public MetricsSeries {
    labels = List.copyOf(labels);
    exemplars = List.copyOf(exemplars);
  }

  /** A span picked as an example of a bucket, with {@code trace:id} and {@code span:id} labels. */
  public record Exemplar(List<Map.Entry<String, Static>> labels, double value, long timestampMs) {}

  /** The labels without {@code __name__}, which arithmetic matches series on. */
  String matchKey() {
    StringBuilder key = new StringBuilder();
    for (Map.Entry<String, Static> label : labels) {
      if (!label.getKey().equals("__name__")) {
        key.append(label.getKey()).append('\u0000').append(label.getValue().type()).append('\u0000')
            .append(label.getValue().text()).append('\u0001');
      }
    }
    return key.toString();
  }

  Static label(String name) {
    for (Map.Entry<String, Static> label : labels) {
      if (label.getKey().equals(name)) {
        return label.getValue();
      }
    }
    return null;
  }
}
