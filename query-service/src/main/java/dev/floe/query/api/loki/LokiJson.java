package dev.floe.query.api.loki;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.floe.lang.GoStrings;
import dev.floe.lang.Labels;
import dev.floe.logql.engine.QueryStats;
import dev.floe.logql.engine.QueryValue;
import dev.floe.query.api.JsonNumbers;
import dev.floe.query.api.JsonResponses;
import java.io.IOException;

/** Writes LogQL results in the Loki API's JSON shapes. */
final class LokiJson {
  static final String CATEGORIZE_LABELS = "categorize-labels";

  private LokiJson() {}

  /**
   * {@code {"resultType":...,"result":...,"stats":...}}, the {@code data} of a query response.
   *
   * @param categorize whether the client asked for the {@code categorize-labels} encoding: stream
   *     labels in {@code stream}, structured metadata and parsed labels beside each line
   */
  static void data(JsonGenerator json, QueryValue value, QueryStats stats, boolean categorize) throws IOException {
    json.writeStartObject();
    json.writeStringField("resultType", value.resultType());
    json.writeFieldName("result");
    if (value instanceof QueryValue.Streams streams) {
      streams(json, streams, categorize);
    } else if (value instanceof QueryValue.Matrix matrix) {
      matrix(json, matrix);
    } else if (value instanceof QueryValue.Vector vector) {
      vector(json, vector);
    } else {
      QueryValue.Scalar scalar = (QueryValue.Scalar) value;
      point(json, scalar.timestampNanos(), scalar.value());
    }
    json.writeFieldName("stats");
    stats(json, stats);
    if (categorize && value instanceof QueryValue.Streams) {
      json.writeArrayFieldStart("encodingFlags");
      json.writeString(CATEGORIZE_LABELS);
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  static void streams(JsonGenerator json, QueryValue.Streams streams, boolean categorize) throws IOException {
    json.writeStartArray();
    for (QueryValue.Stream stream : streams.streams()) {
      json.writeStartObject();
      json.writeFieldName("stream");
      Labels labels = stream.labels();
      if (categorize && !stream.entries().isEmpty()) {
        QueryValue.LogEntry first = stream.entries().get(0);
        labels = labels.without(first.structuredMetadata().toMap().keySet()).without(first.parsed().toMap().keySet());
      }
      JsonResponses.labels(json, labels);
      json.writeArrayFieldStart("values");
      for (QueryValue.LogEntry entry : stream.entries()) {
        json.writeStartArray();
        json.writeString(Long.toString(entry.timestampNanos()));
        json.writeString(entry.line());
        if (categorize) {
          json.writeStartObject();
          if (!entry.structuredMetadata().isEmpty()) {
            json.writeFieldName("structuredMetadata");
            JsonResponses.labels(json, entry.structuredMetadata());
          }
          if (!entry.parsed().isEmpty()) {
            json.writeFieldName("parsed");
            JsonResponses.labels(json, entry.parsed());
          }
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void matrix(JsonGenerator json, QueryValue.Matrix matrix) throws IOException {
    json.writeStartArray();
    for (QueryValue.Series series : matrix.series()) {
      json.writeStartObject();
      json.writeFieldName("metric");
      JsonResponses.labels(json, series.labels());
      json.writeArrayFieldStart("values");
      for (QueryValue.Point point : series.points()) {
        point(json, point.timestampNanos(), point.value());
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void vector(JsonGenerator json, QueryValue.Vector vector) throws IOException {
    json.writeStartArray();
    for (QueryValue.Sample sample : vector.samples()) {
      json.writeStartObject();
      json.writeFieldName("metric");
      JsonResponses.labels(json, sample.labels());
      json.writeFieldName("value");
      point(json, sample.timestampNanos(), sample.value());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** {@code [<seconds>, "<value>"]}, as Prometheus writes a sample. */
  static void point(JsonGenerator json, long timestampNanos, double value) throws IOException {
    json.writeStartArray();
    json.writeNumber(JsonNumbers.timestampSeconds(Math.floorDiv(timestampNanos, 1_000_000L)));
    json.writeString(GoStrings.formatFloat(value));
    json.writeEndArray();
  }

  /** Loki's {@code stats} block; Grafana shows its {@code summary} in the query inspector. */
  private static void stats(JsonGenerator json, QueryStats stats) throws IOException {
    double seconds = stats.execTimeNanos() / 1e9;
    json.writeStartObject();
    json.writeObjectFieldStart("summary");
    json.writeNumberField("bytesProcessedPerSecond", perSecond(stats.totalBytesProcessed(), seconds));
    json.writeNumberField("linesProcessedPerSecond", perSecond(stats.totalLinesProcessed(), seconds));
    json.writeNumberField("totalBytesProcessed", stats.totalBytesProcessed());
    json.writeNumberField("totalLinesProcessed", stats.totalLinesProcessed());
    json.writeNumberField("totalStructuredMetadataBytesProcessed", stats.totalStructuredMetadataBytesProcessed());
    json.writeNumberField("totalPostFilterLines", stats.totalPostFilterLines());
    json.writeNumberField("totalEntriesReturned", stats.totalEntriesReturned());
    json.writeNumberField("execTime", seconds);
    json.writeNumberField("queueTime", 0);
    json.writeNumberField("subqueries", 0);
    json.writeNumberField("splits", 0);
    json.writeNumberField("shards", 0);
    json.writeEndObject();
    json.writeEndObject();
  }

  private static long perSecond(long count, double seconds) {
    return seconds <= 0 ? 0 : (long) (count / seconds);
  }
}
