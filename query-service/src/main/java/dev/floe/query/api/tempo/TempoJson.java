package dev.floe.query.api.tempo;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.traceql.Static;
import dev.floe.traceql.engine.MetricsSeries;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Tempo's proto-JSON shapes as gogo jsonpb writes them: camelCase field names, 64-bit integers as
 * strings, non-finite doubles as {@code "NaN"}/{@code "Infinity"}, and no fields beyond the proto's,
 * since Grafana decodes metrics responses with jsonpb, which rejects unknown fields.
 */
final class TempoJson {
  private TempoJson() {}

  /** A {@code KeyValue} list: {@code [{"key":k,"value":{...AnyValue}}]}. */
  static void keyValues(JsonGenerator json, List<Map.Entry<String, Static>> values) throws IOException {
    json.writeStartArray();
    for (Map.Entry<String, Static> e : values) {
      json.writeStartObject();
      json.writeStringField("key", e.getKey());
      json.writeFieldName("value");
      anyValue(json, e.getValue());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** An OTLP {@code AnyValue}; statuses, kinds, durations and nil as their TraceQL text. */
  static void anyValue(JsonGenerator json, Static value) throws IOException {
    json.writeStartObject();
    switch (value.type()) {
      case INT:
        json.writeStringField("intValue", Long.toString(value.asLong()));
        break;
      case FLOAT:
        json.writeFieldName("doubleValue");
        number(json, value.asDouble());
        break;
      case BOOL:
        json.writeBooleanField("boolValue", value.asBool());
        break;
      case INT_ARRAY:
      case FLOAT_ARRAY:
      case STRING_ARRAY:
      case BOOL_ARRAY:
        json.writeObjectFieldStart("arrayValue");
        json.writeArrayFieldStart("values");
        for (Static element : value.elements()) {
          anyValue(json, element);
        }
        json.writeEndArray();
        json.writeEndObject();
        break;
      default:
        json.writeStringField("stringValue", value.text());
        break;
    }
    json.writeEndObject();
  }

  /** A double as proto3 JSON writes it. */
  static void number(JsonGenerator json, double value) throws IOException {
    if (Double.isNaN(value)) {
      json.writeString("NaN");
    } else if (Double.isInfinite(value)) {
      json.writeString(value > 0 ? "Infinity" : "-Infinity");
    } else {
      json.writeNumber(value);
    }
  }

  /** {@code SearchMetrics}; zero fields are left out as jsonpb does. */
  static void searchMetrics(JsonGenerator json, long inspectedTraces, long inspectedSpans) throws IOException {
    json.writeObjectFieldStart("metrics");
    if (inspectedTraces > 0) {
      json.writeNumberField("inspectedTraces", inspectedTraces);
    }
    json.writeNumberField("completedJobs", 1);
    json.writeNumberField("totalJobs", 1);
    if (inspectedSpans > 0) {
      json.writeStringField("inspectedSpans", Long.toString(inspectedSpans));
    }
    json.writeEndObject();
  }

  /** A {@code QueryRangeResponse}: series with their non-NaN samples; series without samples are left out. */
  static void queryRange(JsonGenerator json, List<MetricsSeries> series, long[] timestampsMs, long inspectedTraces,
      long inspectedSpans) throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("series");
    for (MetricsSeries s : series) {
      if (!hasSample(s)) {
        continue;
      }
      json.writeStartObject();
      json.writeFieldName("labels");
      keyValues(json, s.labels());
      json.writeArrayFieldStart("samples");
      for (int i = 0; i < s.values().length; i++) {
        if (!Double.isNaN(s.values()[i])) {
          json.writeStartObject();
          json.writeStringField("timestampMs", Long.toString(timestampsMs[i]));
          json.writeFieldName("value");
          number(json, s.values()[i]);
          json.writeEndObject();
        }
      }
      json.writeEndArray();
      if (!s.exemplars().isEmpty()) {
        json.writeArrayFieldStart("exemplars");
        for (MetricsSeries.Exemplar e : s.exemplars()) {
          json.writeStartObject();
          json.writeFieldName("labels");
          keyValues(json, e.labels());
          json.writeFieldName("value");
          number(json, e.value());
          json.writeStringField("timestampMs", Long.toString(e.timestampMs()));
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    searchMetrics(json, inspectedTraces, inspectedSpans);
    json.writeEndObject();
  }

  /** A {@code QueryInstantResponse}: one value per series. */
  static void queryInstant(JsonGenerator json, List<MetricsSeries> series, long inspectedTraces, long inspectedSpans)
      throws IOException {
    json.writeStartObject();
    json.writeArrayFieldStart("series");
    for (MetricsSeries s : series) {
      if (!hasSample(s)) {
        continue;
      }
      json.writeStartObject();
      json.writeFieldName("labels");
      keyValues(json, s.labels());
      json.writeFieldName("value");
      number(json, s.values()[0]);
      json.writeEndObject();
    }
    json.writeEndArray();
    searchMetrics(json, inspectedTraces, inspectedSpans);
    json.writeEndObject();
  }

  private static boolean hasSample(MetricsSeries s) {
    for (double v : s.values()) {
      if (!Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }
}
