package dev.floe.ingest;

import static dev.floe.ingest.OtlpSdkExportTest.hex;
import static dev.floe.ingest.OtlpSdkExportTest.only;
import static dev.floe.ingest.WalContents.bytesOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import dev.floe.wal.SegmentKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OTLP/JSON as a plain HTTP client posts it, in the shape of the OTLP specification's JSON examples
 * (hex trace and span ids, upper case as in the examples; 64-bit integers as strings or numbers),
 * with and without gzip: each lands in the WAL as sent.
 */
class OtlpJsonTest {
  private static final String TRACE_ID = "5B8EFFF798038103D269B633813FC60C";
  private static final String SPAN_ID = "EEE19B7EC3C1B174";
  private static final String PARENT_SPAN_ID = "EEE19B7EC3C1B173";
  private static final String TENANT = "json-tenant";

  @TempDir static Path dir;
  private static IngestFixture ingest;
  private final OtlpHttp http = new OtlpHttp();
  private Set<SegmentKey> earlier;
  private long now;

  @BeforeAll
  static void start() {
    ingest = IngestFixture.local(dir).start();
  }

  @AfterAll
  static void stop() {
    ingest.close();
  }

  @BeforeEach
  void markWal() {
    earlier = ingest.wal().mark();
    now = OtlpRequests.nowNanos() + 123;
  }

  @ParameterizedTest(name = "gzip {0}")
  @ValueSource(booleans = {false, true})
  void logs(boolean gzip) throws IOException {
    String json =
        """
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},
          "scopeLogs":[{"scope":{"name":"my.library","version":"1.0.0"},
            "logRecords":[{"timeUnixNano":"%d","observedTimeUnixNano":"%d","severityNumber":10,
              "severityText":"Information","traceId":"%s","spanId":"%s",
              "body":{"stringValue":"Example log record"},
              "attributes":[{"key":"string.attribute","value":{"stringValue":"some string"}},
                {"key":"boolean.attribute","value":{"boolValue":true}},
                {"key":"int.attribute","value":{"intValue":"10"}},
                {"key":"double.attribute","value":{"doubleValue":637.704}},
                {"key":"array.attribute","value":{"arrayValue":{"values":[{"stringValue":"many"},{"stringValue":"values"}]}}},
                {"key":"map.attribute","value":{"kvlistValue":{"values":[{"key":"some.map.key","value":{"stringValue":"some value"}}]}}}]}]}]}]}
        """
            .formatted(now, now + 1000, TRACE_ID, SPAN_ID);
    assertAccepted(post("/v1/logs", json, gzip));

    List<Record> rows = ingest.wal().since(earlier).rows(Signal.LOGS);
    assertThat(rows).hasSize(1);
    Record log = rows.get(0);
    assertThat(log.getField("tenant_id")).isEqualTo(TENANT);
    assertThat(log.getField("service_name")).isEqualTo("my.service");
    assertThat(log.getField("scope_name")).isEqualTo("my.library");
    assertThat(log.getField("timestamp")).isEqualTo(now / 1000);
    assertThat(log.getField("timestamp_nanos")).isEqualTo((int) (now % 1000));
    assertThat(log.getField("observed_timestamp")).isEqualTo((now + 1000) / 1000);
    assertThat(log.getField("severity_number")).isEqualTo(10);
    assertThat(log.getField("severity_text")).isEqualTo("Information");
    assertThat(log.getField("body")).isEqualTo("Example log record");
    assertThat(bytesOf(log.getField("trace_id"))).isEqualTo(hex(TRACE_ID));
    assertThat(bytesOf(log.getField("span_id"))).isEqualTo(hex(SPAN_ID));
    assertThat(log.getField("attributes"))
        .isEqualTo(
            Map.of(
                "string.attribute", "some string",
                "boolean.attribute", "true",
                "int.attribute", "10",
                "double.attribute", "637.704",
                "array.attribute", "{\"arrayValue\":{\"values\":[{\"stringValue\":\"many\"},{\"stringValue\":\"values\"}]}}",
                "map.attribute",
                    "{\"kvlistValue\":{\"values\":[{\"key\":\"some.map.key\",\"value\":{\"stringValue\":\"some value\"}}]}}"));
    assertThat(log.getField("value_types"))
        .isEqualTo(
            Map.of(
                "attributes.boolean.attribute", "bool",
                "attributes.int.attribute", "int",
                "attributes.double.attribute", "double",
                "attributes.array.attribute", "array",
                "attributes.map.attribute", "kvlist"));
  }

  @ParameterizedTest(name = "gzip {0}")
  @ValueSource(booleans = {false, true})
  void traces(boolean gzip) throws IOException {
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},
          "scopeSpans":[{"scope":{"name":"my.library","version":"1.0.0"},
            "spans":[{"traceId":"%s","spanId":"%s","parentSpanId":"%s","name":"I'm a server span",
              "startTimeUnixNano":"%d","endTimeUnixNano":"%d","kind":2,
              "attributes":[{"key":"my.span.attr","value":{"stringValue":"some value"}}]}]}]}]}
        """
            .formatted(TRACE_ID, SPAN_ID, PARENT_SPAN_ID, now - 1_000_000, now);
    assertAccepted(post("/v1/traces", json, gzip));

    List<Record> rows = ingest.wal().since(earlier).rows(Signal.SPANS);
    assertThat(rows).hasSize(1);
    Record span = rows.get(0);
    assertThat(span.getField("tenant_id")).isEqualTo(TENANT);
    assertThat(span.getField("name")).isEqualTo("I'm a server span");
    assertThat(span.getField("kind")).isEqualTo(2);
    assertThat(bytesOf(span.getField("trace_id"))).isEqualTo(hex(TRACE_ID));
    assertThat(bytesOf(span.getField("span_id"))).isEqualTo(hex(SPAN_ID));
    assertThat(bytesOf(span.getField("parent_span_id"))).isEqualTo(hex(PARENT_SPAN_ID));
    assertThat(span.getField("duration_nanos")).isEqualTo(1_000_000L);
    assertThat(span.getField("attributes")).isEqualTo(Map.of("my.span.attr", "some value"));
  }

  @ParameterizedTest(name = "gzip {0}")
  @ValueSource(booleans = {false, true})
  void metrics(boolean gzip) throws IOException {
    String json =
        """
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},
          "scopeMetrics":[{"scope":{"name":"my.library","version":"1.0.0"},
            "metrics":[
              {"name":"my.counter","unit":"1","description":"I am a Counter",
               "sum":{"aggregationTemporality":1,"isMonotonic":true,
                 "dataPoints":[{"asDouble":5,"startTimeUnixNano":"%1$d","timeUnixNano":"%2$d",
                   "attributes":[{"key":"my.counter.attr","value":{"stringValue":"some value"}}]}]}},
              {"name":"my.gauge","unit":"1","description":"I am a Gauge",
               "gauge":{"dataPoints":[{"asInt":"10","timeUnixNano":"%2$d"}]}},
              {"name":"my.histogram","unit":"1","description":"I am a Histogram",
               "histogram":{"aggregationTemporality":1,
                 "dataPoints":[{"startTimeUnixNano":"%1$d","timeUnixNano":"%2$d","count":2,"sum":2,
                   "bucketCounts":[1,1],"explicitBounds":[1],"min":0,"max":2}]}}]}]}]}
        """
            .formatted(now - 60_000_000_000L, now);
    assertAccepted(post("/v1/metrics", json, gzip));

    List<Record> rows = ingest.wal().since(earlier).rows(Signal.METRICS);
    assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row.getField("tenant_id")).isEqualTo(TENANT));
    Record counter = only(rows, "metric_name", "my.counter");
    assertThat(counter.getField("metric_type")).isEqualTo("sum");
    assertThat(counter.getField("temporality")).isEqualTo(1);
    assertThat(counter.getField("is_monotonic")).isEqualTo(true);
    assertThat(counter.getField("value_double")).isEqualTo(5.0);
    assertThat(counter.getField("start_timestamp")).isEqualTo((now - 60_000_000_000L) / 1000);
    assertThat(counter.getField("attributes")).isEqualTo(Map.of("my.counter.attr", "some value"));
    Record gauge = only(rows, "metric_name", "my.gauge");
    assertThat(gauge.getField("metric_type")).isEqualTo("gauge");
    assertThat(gauge.getField("value_int")).isEqualTo(10L);
    Record histogram = only(rows, "metric_name", "my.histogram");
    assertThat(histogram.getField("count")).isEqualTo(2L);
    assertThat(histogram.getField("sum")).isEqualTo(2.0);
    assertThat(histogram.getField("min")).isEqualTo(0.0);
    assertThat(histogram.getField("max")).isEqualTo(2.0);
    assertThat(histogram.getField("bucket_counts")).isEqualTo(List.of(1L, 1L));
    assertThat(histogram.getField("explicit_bounds")).isEqualTo(List.of(1.0));
  }

  private OtlpHttp.Response post(String path, String json, boolean gzip) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return gzip
        ? http.post(ingest.http(path), OtlpHttp.JSON, OtlpRequests.gzip(body), OtlpHttp.TENANT_HEADER, TENANT, "Content-Encoding", "gzip")
        : http.post(ingest.http(path), OtlpHttp.JSON, body, OtlpHttp.TENANT_HEADER, TENANT);
  }

  /** 200 with a JSON export response that reports no rejected records. */
  private static void assertAccepted(OtlpHttp.Response response) {
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    assertThat(response.contentType()).startsWith(OtlpHttp.JSON);
    assertThat(response.text()).isEqualTo("{}");
  }
}
