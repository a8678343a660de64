package dev.floe.query.api.prometheus;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.lang.GoStrings;
import dev.floe.lang.Labels;
import dev.floe.prometheus.PrometheusExemplar;
import dev.floe.promql.engine.FloatHistogram;
import dev.floe.promql.engine.Matrix;
import dev.floe.promql.engine.Sample;
import dev.floe.promql.engine.Scalar;
import dev.floe.promql.engine.Series;
import dev.floe.promql.engine.StringValue;
import dev.floe.promql.engine.Value;
import dev.floe.promql.engine.Vector;
import dev.floe.promql.engine.VectorSample;
import dev.floe.query.api.JsonNumbers;
import dev.floe.query.api.JsonResponses;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Writes PromQL values in the Prometheus HTTP API's JSON shapes. */
final class PromJson {
  private PromJson() {}

  /** {@code {"resultType":...,"result":...}}. */
  static void data(JsonGenerator json, Value value) throws IOException {
    json.writeStartObject();
    if (value instanceof Matrix matrix) {
      json.writeStringField("resultType", "matrix");
      json.writeArrayFieldStart("result");
      for (Series series : matrix.series()) {
        series(json, series);
      }
      json.writeEndArray();
    } else if (value instanceof Vector vector) {
      json.writeStringField("resultType", "vector");
      json.writeArrayFieldStart("result");
      for (VectorSample sample : vector.samples()) {
        json.writeStartObject();
        json.writeFieldName("metric");
        JsonResponses.labels(json, sample.labels());
        if (sample.isHistogram()) {
          json.writeFieldName("histogram");
          histogramPoint(json, sample.timestampMs(), sample.histogram());
        } else {
          json.writeFieldName("value");
          point(json, sample.timestampMs(), GoStrings.formatFloat(sample.value()));
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    } else if (value instanceof Scalar scalar) {
      json.writeStringField("resultType", "scalar");
      json.writeFieldName("result");
      point(json, scalar.timestampMs(), GoStrings.formatFloat(scalar.value()));
    } else {
      StringValue string = (StringValue) value;
      json.writeStringField("resultType", "string");
      json.writeFieldName("result");
      point(json, string.timestampMs(), string.value());
    }
    json.writeEndObject();
  }

  private static void series(JsonGenerator json, Series series) throws IOException {
    json.writeStartObject();
    json.writeFieldName("metric");
    JsonResponses.labels(json, series.labels());
    boolean floats = false;
    boolean histograms = false;
    for (Sample sample : series.samples()) {
      floats |= !sample.isHistogram();
      histograms |= sample.isHistogram();
    }
    if (floats) {
      json.writeArrayFieldStart("values");
      for (Sample sample : series.samples()) {
        if (!sample.isHistogram()) {
          point(json, sample.timestampMs(), GoStrings.formatFloat(sample.value()));
        }
      }
      json.writeEndArray();
    }
    if (histograms) {
      json.writeArrayFieldStart("histograms");
      for (Sample sample : series.samples()) {
        if (sample.isHistogram()) {
          histogramPoint(json, sample.timestampMs(), sample.histogram());
        }
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  static void point(JsonGenerator json, long timestampMs, String value) throws IOException {
    json.writeStartArray();
    json.writeNumber(JsonNumbers.timestampSeconds(timestampMs));
    json.writeString(value);
    json.writeEndArray();
  }

  /**
   * {@code [ts, {"count":..,"sum":..,"buckets":[[rule, lower, upper, count], ...]}]}; a bucket's rule
   * says which ends it includes: 0 (lower, upper], 1 [lower, upper), 3 [lower, upper].
   */
  private static void histogramPoint(JsonGenerator json, long timestampMs, FloatHistogram histogram) throws IOException {
    json.writeStartArray();
    json.writeNumber(JsonNumbers.timestampSeconds(timestampMs));
    json.writeStartObject();
    json.writeStringField("count", GoStrings.formatFloat(histogram.count()));
    json.writeStringField("sum", GoStrings.formatFloat(histogram.sum()));
    json.writeArrayFieldStart("buckets");
    for (Map.Entry<Integer, Double> bucket : histogram.negative().descendingMap().entrySet()) {
      bucket(json, 1, histogram.lowerBound(bucket.getKey(), true), histogram.upperBound(bucket.getKey(), true), bucket.getValue());
    }
    if (histogram.zeroCount() > 0) {
      bucket(json, 3, -histogram.zeroThreshold(), histogram.zeroThreshold(), histogram.zeroCount());
    }
    for (Map.Entry<Integer, Double> bucket : histogram.positive().entrySet()) {
      bucket(json, 0, histogram.lowerBound(bucket.getKey(), false), histogram.upperBound(bucket.getKey(), false), bucket.getValue());
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
  }

  private static void bucket(JsonGenerator json, int rule, double lower, double upper, double count) throws IOException {
    if (count == 0) {
      return;
    }
    json.writeStartArray();
    json.writeNumber(rule);
    json.writeString(GoStrings.formatFloat(lower));
    json.writeString(GoStrings.formatFloat(upper));
    json.writeString(GoStrings.formatFloat(count));
    json.writeEndArray();
  }

  /** Exemplars sorted by series, grouped under each series' labels. */
  static void exemplars(JsonGenerator json, List<PrometheusExemplar> exemplars) throws IOException {
    json.writeStartArray();
    Labels current = null;
    for (PrometheusExemplar exemplar : exemplars) {
      if (!exemplar.series().equals(current)) {
        if (current != null) {
          json.writeEndArray();
          json.writeEndObject();
        }
        current = exemplar.series();
        json.writeStartObject();
        json.writeFieldName("seriesLabels");
        JsonResponses.labels(json, current);
        json.writeArrayFieldStart("exemplars");
      }
      json.writeStartObject();
      json.writeFieldName("labels");
      JsonResponses.labels(json, exemplar.labels());
      json.writeStringField("value", GoStrings.formatFloat(exemplar.value()));
      json.writeFieldName("timestamp");
      json.writeNumber(JsonNumbers.timestampSeconds(exemplar.timestampMillis()));
      json.writeEndObject();
    }
    if (current != null) {
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
