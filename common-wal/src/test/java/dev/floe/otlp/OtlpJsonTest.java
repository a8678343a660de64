package dev.floe.otlp;

import static dev.floe.otlp.Otlp.array;
import static dev.floe.otlp.Otlp.bool;
import static dev.floe.otlp.Otlp.dbl;
import static dev.floe.otlp.Otlp.id;
import static dev.floe.otlp.Otlp.integer;
import static dev.floe.otlp.Otlp.kv;
import static dev.floe.otlp.Otlp.kvlist;
import static dev.floe.otlp.Otlp.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {

  /** In the shape of the OTLP specification's logs example. */
  private static final String LOGS =
      """
      {
        "resourceLogs": [
          {
            "resource": {
              "attributes": [
                { "key": "service.name", "value": { "stringValue": "my.service" } }
              ]
            },
            "scopeLogs": [
              {
                "scope": {
                  "name": "my.library",
                  "version": "1.0.0",
                  "attributes": [
                    { "key": "my.scope.attribute", "value": { "stringValue": "some scope attribute" } }
                  ]
                },
                "logRecords": [
                  {
                    "timeUnixNano": "1544712660300000000",
                    "observedTimeUnixNano": "1544712660300000000",
                    "severityNumber": 10,
                    "severityText": "Information",
                    "traceId": "5B8EFFF798038103D269B633813FC60C",
                    "spanId": "EEE19B7EC3C1B174",
                    "eventName": "app.started",
                    "body": { "stringValue": "Example log record" },
                    "attributes": [
                      { "key": "string.attribute", "value": { "stringValue": "some string" } },
                      { "key": "boolean.attribute", "value": { "boolValue": true } },
                      { "key": "int.attribute", "value": { "intValue": "10" } },
                      { "key": "double.attribute", "value": { "doubleValue": 637.704 } },
                      { "key": "array.attribute",
                        "value": { "arrayValue": { "values": [
                          { "stringValue": "many" }, { "stringValue": "values" } ] } } },
                      { "key": "map.attribute",
                        "value": { "kvlistValue": { "values": [
                          { "key": "some.map.key", "value": { "stringValue": "some value" } },
                          { "key": "traceId", "value": { "stringValue": "not-an-id" } } ] } } }
                    ]
                  }
                ]
              }
            ]
          }
        ]
      }
      """;

  /** In the shape of the OTLP specification's trace example. */
  private static final String TRACES =
      """
      {
        "resourceSpans": [
          {
            "resource": {
              "attributes": [ { "key": "service.name", "value": { "stringValue": "my.service" } } ]
            },
            "scopeSpans": [
              {
                "scope": { "name": "my.library", "version": "1.0.0" },
                "spans": [
                  {
                    "traceId": "5B8EFFF798038103D269B633813FC60C",
                    "spanId": "EEE19B7EC3C1B174",
                    "parentSpanId": "EEE19B7EC3C1B173",
                    "name": "I'm a server span",
                    "startTimeUnixNano": "1544712660000000000",
                    "endTimeUnixNano": "1544712661000000000",
                    "kind": 2,
                    "flags": 257,
                    "attributes": [ { "key": "my.span.attr", "value": { "stringValue": "some value" } } ],
                    "events": [ { "timeUnixNano": "1544712660500000000", "name": "ev" } ],
                    "links": [ { "traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331" } ],
                    "status": { "code": "STATUS_CODE_OK" }
                  },
                  {
                    "traceId": "5b8efff798038103d269b633813fc60c",
                    "spanId": "eee19b7ec3c1b175",
                    "parentSpanId": "",
                    "name": "root",
                    "startTimeUnixNano": 1544712660000000000,
                    "endTimeUnixNano": "1544712660000000001",
                    "kind": "SPAN_KIND_CLIENT"
                  }
                ]
              }
            ]
          }
        ]
      }
      """;

  /** In the shape of the OTLP specification's metrics example: int values are strings. */
  private static final String METRICS =
      """
      {
        "resourceMetrics": [
          {
            "resource": {
              "attributes": [ { "key": "service.name", "value": { "stringValue": "my.service" } } ]
            },
            "scopeMetrics": [
              {
                "scope": { "name": "my.library", "version": "1.0.0" },
                "metrics": [
                  {
                    "name": "my.counter",
                    "unit": "1",
                    "description": "I am a Counter",
                    "sum": {
                      "aggregationTemporality": 1,
                      "isMonotonic": true,
                      "dataPoints": [
                        {
                          "asDouble": 5,
                          "startTimeUnixNano": "1544712660300000000",
                          "timeUnixNano": "1544712660300000000",
                          "attributes": [ { "key": "my.counter.attr", "value": { "stringValue": "some value" } } ]
                        }
                      ]
                    }
                  },
                  {
                    "name": "my.gauge",
                    "gauge": {
                      "dataPoints": [
                        { "asInt": "-9007199254740993", "timeUnixNano": "1544712660300000000",
                          "exemplars": [ { "timeUnixNano": "1544712660300000000", "asDouble": 1.5,
                                           "traceId": "5b8efff798038103d269b633813fc60c",
                                           "spanId": "eee19b7ec3c1b174" } ] }
                      ]
                    }
                  },
                  {
                    "name": "my.histogram",
                    "histogram": {
                      "aggregationTemporality": 1,
                      "dataPoints": [
                        {
                          "startTimeUnixNano": "1544712660300000000",
                          "timeUnixNano": "1544712660300000000",
                          "count": "2",
                          "sum": 2,
                          "bucketCounts": ["1", "1"],
                          "explicitBounds": [1],
                          "min": 0,
                          "max": 2
                        }
                      ]
                    }
                  },
                  {
                    "name": "my.exponential.histogram",
                    "exponentialHistogram": {
                      "aggregationTemporality": 1,
                      "dataPoints": [
                        {
                          "timeUnixNano": "1544712660300000000",
                          "count": "3",
                          "sum": 10,
                          "scale": 0,
                          "zeroCount": "1",
                          "positive": { "offset": 1, "bucketCounts": ["0", "2"] },
                          "min": 0,
                          "max": 5,
                          "zeroThreshold": 0
                        }
                      ]
                    }
                  },
                  {
                    "name": "my.summary",
                    "summary": {
                      "dataPoints": [
                        { "timeUnixNano": "1544712660300000000", "count": "4", "sum": 8.5,
                          "quantileValues": [ { "quantile": 0.5, "value": 2 } ] }
                      ]
                    }
                  }
                ]
              }
            ]
          }
        ]
      }
      """;

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parsesTheSpecificationLogsExample() {
    ExportLogsServiceRequest request = OtlpJson.parseLogs(utf8(LOGS));

    LogRecord record = request.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertThat(record.getTimeUnixNano()).isEqualTo(1544712660300000000L);
    assertThat(record.getSeverityNumberValue()).isEqualTo(10);
    assertThat(record.getTraceId()).isEqualTo(id("5b8efff798038103d269b633813fc60c"));
    assertThat(record.getSpanId()).isEqualTo(id("eee19b7ec3c1b174"));
    assertThat(record.getEventName()).isEqualTo("app.started");
    assertThat(record.getBody()).isEqualTo(str("Example log record"));
    assertThat(record.getAttributesList())
        .containsExactly(
            kv("string.attribute", "some string"),
            kv("boolean.attribute", bool(true)),
            kv("int.attribute", integer(10)),
            kv("double.attribute", dbl(637.704)),
            kv("array.attribute", array(str("many"), str("values"))),
            kv("map.attribute", kvlist(kv("some.map.key", "some value"), kv("traceId", "not-an-id"))));
    assertThat(request.getResourceLogs(0).getScopeLogs(0).getScope().getAttributes(0).getKey())
        .isEqualTo("my.scope.attribute");

    long receive = 1544712660300000000L + 1_000_000_000L;
    MappedRows mapped = new OtlpMapper(MappingConfig.defaults()).mapLogs("t", request, receive);
    assertThat(mapped.rowsFor(Signal.LOGS)).hasSize(1);
    assertThat(mapped.rowsFor(Signal.EVENTS)).hasSize(1);
    Record row = mapped.rowsFor(Signal.LOGS).get(0);
    assertThat(row.getField("stream_labels")).isEqualTo("{service_name=\"my.service\"}");
    assertThat(row.getField("attributes"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("int.attribute", "10")
        .containsEntry("array.attribute", "{\"arrayValue\":{\"values\":[{\"stringValue\":\"many\"},"
            + "{\"stringValue\":\"values\"}]}}");
  }

  @Test
  void parsesTheSpecificationTraceExample() {
    ExportTraceServiceRequest request = OtlpJson.parseTraces(utf8(TRACES));

    List<Span> spans = request.getResourceSpans(0).getScopeSpans(0).getSpansList();
    Span server = spans.get(0);
    assertThat(server.getTraceId()).isEqualTo(id("5b8efff798038103d269b633813fc60c"));
    assertThat(server.getSpanId()).isEqualTo(id("eee19b7ec3c1b174"));
    assertThat(server.getParentSpanId()).isEqualTo(id("eee19b7ec3c1b173"));
    assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(server.getFlags()).isEqualTo(257);
    assertThat(server.getLinks(0).getTraceId()).isEqualTo(id("0af7651916cd43dd8448eb211c80319c"));
    assertThat(server.getLinks(0).getSpanId()).isEqualTo(id("b7ad6b7169203331"));
    assertThat(server.getEvents(0).getName()).isEqualTo("ev");
    assertThat(server.getStatus().getCodeValue()).isEqualTo(1);
    Span root = spans.get(1);
    assertThat(root.getParentSpanId().isEmpty()).isTrue();
    assertThat(root.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
    assertThat(root.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);

    MappedRows mapped = new OtlpMapper(MappingConfig.defaults()).mapSpans("t", request, 1544712661000000000L);
    assertThat(mapped.accepted()).isEqualTo(2);
    assertThat(mapped.rowsFor(Signal.SPANS).get(1).getField("parent_span_id")).isNull();
  }

  @Test
  void parsesTheSpecificationMetricsExample() {
    ExportMetricsServiceRequest request = OtlpJson.parseMetrics(utf8(METRICS));

    List<Metric> metrics = request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList();
    assertThat(metrics.get(0).getSum().getDataPoints(0).getAsDouble()).isEqualTo(5.0);
    assertThat(metrics.get(0).getSum().getIsMonotonic()).isTrue();
    assertThat(metrics.get(1).getGauge().getDataPoints(0).getAsInt()).isEqualTo(-9007199254740993L);
    assertThat(metrics.get(1).getGauge().getDataPoints(0).getExemplars(0).getTraceId())
        .isEqualTo(id("5b8efff798038103d269b633813fc60c"));
    assertThat(metrics.get(2).getHistogram().getDataPoints(0).getBucketCountsList()).containsExactly(1L, 1L);
    assertThat(metrics.get(2).getHistogram().getDataPoints(0).hasMin()).isTrue();
    assertThat(metrics.get(3).getExponentialHistogram().getDataPoints(0).getPositive().getBucketCountsList())
        .containsExactly(0L, 2L);
    assertThat(metrics.get(4).getSummary().getDataPoints(0).getQuantileValues(0).getValue()).isEqualTo(2.0);

    MappedRows mapped = new OtlpMapper(MappingConfig.defaults()).mapMetrics("t", request, 1544712660300000000L);
    assertThat(mapped.accepted()).isEqualTo(5);
    assertThat(mapped.rowsFor(Signal.METRICS))
        .extracting(row -> row.getField("metric_type"))
        .containsExactly("sum", "gauge", "histogram", "exponential_histogram", "summary");
    assertThat(mapped.rowsFor(Signal.METRICS).get(2).getField("min")).isEqualTo(0.0);
  }

  @Test
  void acceptsSnakeCaseIdsAndIgnoresUnknownFields() {
    String json =
        """
        {"resourceLogs":[{"futureField":{"x":[1,2]},"scopeLogs":[{"logRecords":[
          {"trace_id":"0102030405060708090a0b0c0d0e0f10","span_id":"","newThing":true,"severityNumber":"SEVERITY_NUMBER_WARN"}
        ]}]}]}
        """;
    LogRecord record = OtlpJson.parseLogs(utf8(json)).getResourceLogs(0).getScopeLogs(0).getLogRecords(0);

    assertThat(record.getTraceId()).isEqualTo(id("0102030405060708090a0b0c0d0e0f10"));
    assertThat(record.getSpanId().isEmpty()).isTrue();
    assertThat(record.getSeverityNumberValue()).isEqualTo(13);
  }

  @Test
  void badIdsAreClearErrors() {
    assertThatThrownBy(() -> OtlpJson.parseTraces(utf8(TRACES.replace("5B8EFFF798038103D269B633813FC60C",
        "5B8EFFF798038103D269B633813FC60"))))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessage("invalid OTLP/JSON: traceId must be 32 hex characters (16 bytes) or empty, got 31 characters");
    assertThatThrownBy(() -> OtlpJson.parseTraces(utf8(TRACES.replace("EEE19B7EC3C1B173", "EEE19B7EC3C1B1"))))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessage("invalid OTLP/JSON: parentSpanId must be 16 hex characters (8 bytes) or empty, got 14 characters");
    assertThatThrownBy(() -> OtlpJson.parseLogs(utf8(LOGS.replace("EEE19B7EC3C1B174", "EEE19B7EC3C1B17Z"))))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessage("invalid OTLP/JSON: spanId must be hex, got 'Z' at position 15");
    // Base64, which plain proto3 JSON would use, is not OTLP/JSON.
    assertThatThrownBy(() -> OtlpJson.parseMetrics(utf8(METRICS.replace("\"traceId\": \"5b8efff798038103d269b633813fc60c\"",
        "\"traceId\": \"W47/95gDgQPSabYzgT/GDA==\""))))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessageContaining("traceId must be 32 hex characters (16 bytes) or empty, got 24 characters");
  }

  @Test
  void malformedBodiesAreClearErrors() {
    assertThatThrownBy(() -> OtlpJson.parseLogs(utf8("{\"resourceLogs\": [")))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessageStartingWith("invalid OTLP/JSON: ");
    assertThatThrownBy(() -> OtlpJson.parseLogs(utf8("")))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessage("invalid OTLP/JSON: the body must be a JSON object");
    assertThatThrownBy(() -> OtlpJson.parseLogs(utf8("[]")))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessage("invalid OTLP/JSON: the body must be a JSON object");
    assertThatThrownBy(() -> OtlpJson.parseLogs(utf8("{} {}")))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessageContaining("content after the end");
    assertThatThrownBy(() -> OtlpJson.parseLogs(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> OtlpJson.parseLogs(utf8("{\"resourceLogs\": {\"scopeLogs\": 5}}")))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessageStartingWith("invalid OTLP/JSON ExportLogsServiceRequest: ");
    assertThatThrownBy(() -> OtlpJson.parseMetrics(utf8(METRICS.replace("\"count\": \"2\"", "\"count\": \"two\""))))
        .isInstanceOf(OtlpFormatException.class)
        .hasMessageStartingWith("invalid OTLP/JSON ExportMetricsServiceRequest: ");
  }

  @Test
  void encodesResponses() {
    ExportLogsServiceResponse partial =
        ExportLogsServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(2)
                    .setErrorMessage("log record 1 of scope 0 of resource 0: trace_id must be 16 bytes, got 5"))
            .build();

    assertThat(new String(OtlpJson.toJson(partial), StandardCharsets.UTF_8))
        .isEqualTo("{\"partialSuccess\":{\"rejectedLogRecords\":\"2\",\"errorMessage\":\"log record 1 of scope 0 "
            + "of resource 0: trace_id must be 16 bytes, got 5\"}}");
    assertThat(OtlpJson.toJson(ExportMetricsServiceResponse.getDefaultInstance())).isEqualTo(utf8("{}"));
  }
}
