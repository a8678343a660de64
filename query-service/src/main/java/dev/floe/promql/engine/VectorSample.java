package dev.floe.promql.engine;

import dev.floe.lang.Labels;

/**
 * A series' sample in an instant vector.
 *
 * @param labels the series labels
 * @param timestampMs the evaluation time
 * @param value the float value, when {@code histogram} is {@code null}
 * @param histogram the native histogram, or {@code null}
 * @param dropName whether {@code __name__} is to be dropped when the query ends (Prometheus's delayed
 *     name removal); always {@code false} in query results
 */
public record VectorSample(Labels labels, long timestampMs, double value, FloatHistogram histogram, boolean dropName) {

  public boolean isHistogram() {
    return histogram != null;
  }

  VectorSample withLabels(Labels newLabels) {
    return new VectorSample(newLabels, timestampMs, value, histogram, dropName);
  }

  VectorSample withValue(double newValue) {
    return new VectorSample(labels, timestampMs, newValue, null, dropName);
  }

  VectorSample withHistogram(FloatHistogram newHistogram) {
    return new VectorSample(labels, timestampMs, 0, newHistogram, dropName);
  }

  /** The same sample, its {@code __name__} to be dropped. */
  VectorSample droppingName() {
    return new VectorSample(labels, timestampMs, value, histogram, true);
  }

  Sample toSample() {
    return new Sample(timestampMs, value, histogram);
  }
}
