package dev.floe.otlp;

import static dev.floe.otlp.Otlp.NOW;
import static dev.floe.otlp.Otlp.SECOND;
import static dev.floe.otlp.Otlp.array;
import static dev.floe.otlp.Otlp.bool;
import static dev.floe.otlp.Otlp.buffer;
import static dev.floe.otlp.Otlp.bytes;
import static dev.floe.otlp.Otlp.dbl;
import static dev.floe.otlp.Otlp.id;
import static dev.floe.otlp.Otlp.integer;
import static dev.floe.otlp.Otlp.kv;
import static dev.floe.otlp.Otlp.kvlist;
import static dev.floe.otlp.Otlp.micros;
import static dev.floe.otlp.Otlp.remainder;
import static dev.floe.otlp.Otlp.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class LogsMapperTest {
  private static final OtlpMapper MAPPER = new OtlpMapper(MappingConfig.defaults());

  private static final Resource RESOURCE =
      Resource.newBuilder()
          .addAttributes(kv("service.name", "checkout"))
          .addAttributes(kv("k8s.namespace.name", "prod"))
          .addAttributes(kv("host.name", "node-1"))
          .addAttributes(kv("process.pid", integer(4242)))
          .setDroppedAttributesCount(3)
          .build();
  private static final InstrumentationScope SCOPE =
      InstrumentationScope.newBuilder()
          .setName("dev.floe.test")
          .setVersion("1.2.3")
          .addAttributes(kv("sampled", bool(true)))
          .setDroppedAttributesCount(1)
          .build();

  static ExportLogsServiceRequest request(LogRecord... records) {
    return request(RESOURCE, records);
  }

  static ExportLogsServiceRequest request(Resource resource, LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource)
                .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(SCOPE)
                        .setSchemaUrl("https://example.com/scope-schema")
                        .addAllLogRecords(List.of(records))))
        .build();
  }

  static LogRecord.Builder record(long time) {
    return LogRecord.newBuilder().setTimeUnixNano(time).setObservedTimeUnixNano(time + 1).setBody(str("line"));
  }

  @Test
  void mapsEveryColumn() {
    long time = NOW - 90 * SECOND + 211;
    long observed = NOW - 2 * SECOND + 1;
    LogRecord record =
        LogRecord.newBuilder()
            .setTimeUnixNano(time)
            .setObservedTimeUnixNano(observed)
            .setSeverityNumberValue(17)
            .setSeverityText("ERROR")
            .setBody(str("disk full"))
            .addAttributes(kv("http.status_code", integer(503)))
            .addAttributes(kv("user", "alice"))
            .addAttributes(kv("ratio", dbl(0.25)))
            .setDroppedAttributesCount(2)
            .setFlags(1)
            .setTraceId(id("5b8efff798038103d269b633813fc60c"))
            .setSpanId(id("eee19b7ec3c1b174"))
            .build();

    MappedRows mapped = MAPPER.mapLogs("tenant-a", request(record), NOW);

    assertThat(mapped.accepted()).isEqualTo(1);
    assertThat(mapped.rejected()).isZero();
    assertThat(mapped.rejectionMessage()).isNull();
    assertThat(mapped.rowsFor(Signal.EVENTS)).isEmpty();
    assertThat(mapped.rows()).containsOnlyKeys(Signal.LOGS);
    Record row = mapped.rowsFor(Signal.LOGS).get(0);
    String labels = "{k8s_namespace_name=\"prod\", service_name=\"checkout\"}";

    Map<String, Object> expected = new HashMap<>();
    expected.put("tenant_id", "tenant-a");
    expected.put("timestamp", micros(time));
    expected.put("timestamp_nanos", 0);
    expected.put("observed_timestamp", micros(observed));
    expected.put("observed_timestamp_nanos", remainder(observed));
    expected.put("service_name", "checkout");
    expected.put("stream_labels", labels);
    expected.put("stream_fingerprint", Fingerprints.fnv1a64(labels));
    expected.put("severity_number", 17);
    expected.put("severity_text", "ERROR");
    expected.put("body", "disk full");
    expected.put("trace_id", buffer("5b8efff798038103d269b633813fc60c"));
    expected.put("span_id", buffer("eee19b7ec3c1b174"));
    expected.put("flags", 1);
    expected.put("event_name", null);
    expected.put("attributes", Map.of("http.status_code", "503", "user", "alice", "ratio", "0.25"));
    expected.put("dropped_attributes_count", 2);
    expected.put(
        "resource_attributes",
        Map.of("service.name", "checkout", "k8s.namespace.name", "prod", "host.name", "node-1", "process.pid", "4242"));
    expected.put("resource_schema_url", "https://opentelemetry.io/schemas/1.26.0");
    expected.put("resource_dropped_attributes_count", 3);
    expected.put("scope_name", "dev.floe.test");
    expected.put("scope_version", "1.2.3");
    expected.put("scope_attributes", Map.of("sampled", "true"));
    expected.put("scope_schema_url", "https://example.com/scope-schema");
    expected.put("scope_dropped_attributes_count", 1);
    expected.put(
        "value_types",
        Map.of(
            "resource.process.pid", "int",
            "scope.sampled", "bool",
            "attributes.http.status_code", "int",
            "attributes.ratio", "double"));
    assertRow(row, expected);
    assertThat(((java.nio.ByteBuffer) row.getField("trace_id")).remaining()).isEqualTo(16);
  }

  /** Checks that {@code expected} covers every column of the row's table and matches it. */
  static void assertRow(Record row, Map<String, Object> expected) {
    assertThat(expected.keySet())
        .containsExactlyInAnyOrderElementsOf(
            row.struct().fields().stream().map(Types.NestedField::name).collect(Collectors.toList()));
    for (Map.Entry<String, Object> column : expected.entrySet()) {
      assertThat(row.getField(column.getKey())).as(column.getKey()).isEqualTo(column.getValue());
    }
    for (Types.NestedField field : row.struct().fields()) {
      if (field.isRequired()) {
        assertThat(row.getField(field.name())).as("required " + field.name()).isNotNull();
      }
    }
  }

  @Test
  void bodiesOfEveryKindAreKeptWithTheirTag() {
    List<AnyValue> bodies =
        List.of(
            kvlist(kv("msg", "hi"), kv("n", integer(-5)), kv("nested", array(bool(true), dbl(Double.NaN)))),
            array(str("a"), integer(Long.MIN_VALUE), kvlist(kv("k", bytes((byte) 1)))),
            bytes((byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef),
            integer(Long.MIN_VALUE),
            dbl(Double.NEGATIVE_INFINITY),
            bool(false),
            AnyValue.getDefaultInstance());
    ExportLogsServiceRequest.Builder request = request().toBuilder();
    ScopeLogs.Builder scope = request.getResourceLogsBuilder(0).getScopeLogsBuilder(0);
    for (AnyValue body : bodies) {
      scope.addLogRecords(record(NOW).setBody(body));
    }
    scope.addLogRecords(record(NOW).clearBody());

    List<Record> rows = MAPPER.mapLogs("t", request.build(), NOW).rowsFor(Signal.LOGS);

    assertThat(rows).hasSize(bodies.size() + 1);
    for (int i = 0; i < bodies.size(); i++) {
      Record row = rows.get(i);
      @SuppressWarnings("unchecked")
      Map<String, String> types = (Map<String, String>) row.getField("value_types");
      String text = (String) row.getField("body");
      assertThat(types).containsEntry("body", AnyValues.tag(bodies.get(i)));
      assertThat(AnyValues.decode(text, types.get("body"))).isEqualTo(bodies.get(i));
    }
    assertThat(rows.get(2).getField("body")).isEqualTo("3q2+7w==");
    assertThat(rows.get(6).getField("body")).isEqualTo("");
    assertThat(rows.get(6).getField("value_types")).isEqualTo(Map.of("body", "empty", "resource.process.pid", "int",
        "scope.sampled", "bool"));
    Record absent = rows.get(bodies.size());
    assertThat(absent.getField("body")).isNull();
    assertThat(absent.getField("value_types")).isEqualTo(Map.of("resource.process.pid", "int", "scope.sampled", "bool"));
  }

  @Test
  void missingTimesFallBackToObservedThenReceiveTime() {
    LogRecord onlyObserved = LogRecord.newBuilder().setObservedTimeUnixNano(NOW - 5 * SECOND + 7).build();
    LogRecord neither = LogRecord.newBuilder().build();
    LogRecord onlyTime = LogRecord.newBuilder().setTimeUnixNano(NOW - 5 * SECOND + 3).build();

    List<Record> rows = MAPPER.mapLogs("t", request(onlyObserved, neither, onlyTime), NOW).rowsFor(Signal.LOGS);

    assertThat(rows.get(0).getField("timestamp")).isEqualTo(micros(NOW - 5 * SECOND + 7));
    assertThat(rows.get(0).getField("timestamp_nanos")).isEqualTo(remainder(NOW - 5 * SECOND + 7));
    assertThat(rows.get(0).getField("observed_timestamp")).isEqualTo(micros(NOW - 5 * SECOND + 7));
    assertThat(rows.get(1).getField("timestamp")).isEqualTo(micros(NOW));
    assertThat(rows.get(1).getField("timestamp_nanos")).isEqualTo(789);
    assertThat(rows.get(1).getField("observed_timestamp")).isEqualTo(micros(NOW));
    assertThat(rows.get(1).getField("observed_timestamp_nanos")).isEqualTo(789);
    assertThat(rows.get(2).getField("timestamp")).isEqualTo(micros(NOW - 5 * SECOND + 3));
    assertThat(rows.get(2).getField("timestamp_nanos")).isEqualTo(792);
    assertThat(rows.get(2).getField("observed_timestamp")).isEqualTo(micros(NOW));
  }

  @Test
  void recordsWithAnEventNameAlsoGoToTheEventsTable() {
    LogRecord plain = record(NOW).build();
    LogRecord event =
        record(NOW).setEventName("browser.page_view").setTraceId(id("0102030405060708090a0b0c0d0e0f10")).build();

    MappedRows mapped = MAPPER.mapLogs("t", request(plain, event), NOW);

    assertThat(mapped.accepted()).isEqualTo(2);
    List<Record> logs = mapped.rowsFor(Signal.LOGS);
    List<Record> events = mapped.rowsFor(Signal.EVENTS);
    assertThat(logs).hasSize(2);
    assertThat(events).hasSize(1);
    assertThat(logs.get(0).getField("event_name")).isNull();
    assertThat(logs.get(1).getField("event_name")).isEqualTo("browser.page_view");
    Record copy = events.get(0);
    assertThat(copy).isNotSameAs(logs.get(1));
    assertThat(copy.struct()).isEqualTo(FloeTables.EVENTS.schema().asStruct());
    for (int i = 0; i < copy.size(); i++) {
      assertThat(copy.get(i, Object.class)).isEqualTo(logs.get(1).get(i, Object.class));
    }
  }

  @Test
  void duplicateAttributeKeysKeepTheLastValue() {
    LogRecord record =
        record(NOW)
            .addAttributes(kv("a", integer(1)))
            .addAttributes(kv("a", "text"))
            .addAttributes(kv("b", "text"))
            .addAttributes(kv("b", integer(2)))
            .build();
    Resource resource =
        Resource.newBuilder().addAttributes(kv("service.name", "x")).addAttributes(kv("service.name", "y")).build();

    Record row = MAPPER.mapLogs("t", request(resource, record), NOW).rowsFor(Signal.LOGS).get(0);

    assertThat(row.getField("attributes")).isEqualTo(Map.of("a", "text", "b", "2"));
    assertThat(row.getField("value_types")).isEqualTo(Map.of("attributes.b", "int", "scope.sampled", "bool"));
    assertThat(row.getField("service_name")).isEqualTo("y");
    assertThat(row.getField("stream_labels")).isEqualTo("{service_name=\"y\"}");
  }

  @Test
  void stringOnlyRowsShareOneEmptyValueTypesMap() {
    Resource resource = Resource.newBuilder().addAttributes(kv("service.name", "api")).build();
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(resource)
                    .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record(NOW)).addLogRecords(record(NOW))))
            .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record(NOW))))
            .build();

    List<Record> rows = MAPPER.mapLogs("t", request, NOW).rowsFor(Signal.LOGS);

    assertThat(rows).hasSize(3);
    Object first = rows.get(0).getField("value_types");
    assertThat((Map<?, ?>) first).isEmpty();
    assertThat(rows.get(1).getField("value_types")).isSameAs(first);
    assertThat(rows.get(2).getField("value_types")).isSameAs(first);
    assertThat(rows.get(0).getField("scope_name")).isNull();
    assertThat(rows.get(0).getField("resource_schema_url")).isNull();
    assertThat(rows.get(2).getField("stream_labels")).isEqualTo("{service_name=\"unknown_service\"}");
    assertThat(rows.get(2).getField("service_name")).isEqualTo("unknown_service");
    assertThat(rows.get(2).getField("stream_fingerprint"))
        .isEqualTo(Fingerprints.fnv1a64("{service_name=\"unknown_service\"}"));
  }

  @Test
  void customStreamLabelAttributes() {
    OtlpMapper mapper = new OtlpMapper(new MappingConfig(MappingLimits.defaults(), List.of("host.name")));

    Record row = mapper.mapLogs("t", request(record(NOW).build()), NOW).rowsFor(Signal.LOGS).get(0);

    assertThat(row.getField("stream_labels")).isEqualTo("{host_name=\"node-1\", service_name=\"checkout\"}");
  }

  @Test
  void invalidRecordsAreRejectedAndTheOthersKept() {
    LogRecord valid = record(NOW - SECOND).build();
    LogRecord shortTraceId = record(NOW).setTraceId(ByteString.copyFrom(new byte[5])).build();
    LogRecord longSpanId = record(NOW).setSpanId(ByteString.copyFrom(new byte[9])).build();
    LogRecord tooOld = record(NOW - Duration.ofDays(8).toNanos()).build();
    LogRecord valid2 = record(NOW + 9 * 60 * SECOND).build();

    MappedRows mapped = MAPPER.mapLogs("t", request(valid, shortTraceId, longSpanId, tooOld, valid2), NOW);

    assertThat(mapped.accepted()).isEqualTo(2);
    assertThat(mapped.rejected()).isEqualTo(3);
    assertThat(mapped.rejectionMessage())
        .isEqualTo("log record 1 of scope 0 of resource 0: trace_id must be 16 bytes, got 5 (and 2 more rejected records)");
    assertThat(mapped.rowsFor(Signal.LOGS))
        .extracting(row -> row.getField("timestamp"))
        .containsExactly(micros(NOW - SECOND), micros(NOW + 9 * 60 * SECOND));
  }

  @Test
  void rejectionMessagesNameTheProblem() {
    assertThat(rejection(record(NOW).setSpanId(ByteString.copyFrom(new byte[3])).build()))
        .isEqualTo("log record 0 of scope 0 of resource 0: span_id must be 8 bytes, got 3");
    assertThat(rejection(record(NOW - Duration.ofDays(7).toNanos() - 1).build()))
        .isEqualTo("log record 0 of scope 0 of resource 0: time_unix_nano 2023-11-07T22:13:20.123456788Z is more "
            + "than 7d before the receive time 2023-11-14T22:13:20.123456789Z");
    assertThat(rejection(record(NOW + 11 * 60 * SECOND).build()))
        .isEqualTo("log record 0 of scope 0 of resource 0: time_unix_nano 2023-11-14T22:24:20.123456789Z is more "
            + "than 10m after the receive time 2023-11-14T22:13:20.123456789Z");
    assertThat(rejection(LogRecord.newBuilder().setObservedTimeUnixNano(NOW + 3600 * SECOND).build()))
        .startsWith("log record 0 of scope 0 of resource 0: observed_time_unix_nano 2023-11-14T23:13:20.123456789Z");
    assertThat(rejection(record(NOW - Duration.ofDays(7).toNanos()).build())).isNull();
    assertThat(rejection(record(NOW + 10 * 60 * SECOND).build())).isNull();
  }

  private static String rejection(LogRecord record) {
    MappedRows mapped = MAPPER.mapLogs("t", request(record), NOW);
    assertThat(mapped.accepted() + mapped.rejected()).isEqualTo(1);
    return mapped.rejectionMessage();
  }

  @Test
  void limitsOnAttributeCountAndValueLength() {
    OtlpMapper strict =
        new OtlpMapper(
            new MappingConfig(new MappingLimits(Duration.ofDays(1), Duration.ZERO, 6, 10, 1024), List.of()));
    // The resource has 4 attributes and the scope 1, so one more fits and two do not.
    LogRecord sixAttributes = record(NOW).addAttributes(kv("a", "1")).build();
    LogRecord sevenAttributes = record(NOW).addAttributes(kv("a", "1")).addAttributes(kv("b", "2")).build();
    LogRecord tenBytes = record(NOW).setBody(str("ééééé")).build();
    LogRecord elevenBytes = record(NOW).setBody(str("éééééx")).build();
    LogRecord longAttribute = record(NOW).addAttributes(kv("k", "0123456789X")).build();
    LogRecord longArray = record(NOW).addAttributes(kv("k", array(integer(1)))).build();
    LogRecord future = record(NOW + 1).build();

    MappedRows mapped =
        strict.mapLogs(
            "t", request(sixAttributes, sevenAttributes, tenBytes, elevenBytes, longAttribute, longArray, future), NOW);

    assertThat(mapped.accepted()).isEqualTo(2);
    assertThat(mapped.rejected()).isEqualTo(5);
    assertThat(mapped.rejectionMessage())
        .isEqualTo("log record 1 of scope 0 of resource 0: has 7 attributes with its resource and scope, more than "
            + "the limit of 6 (and 4 more rejected records)");
    assertThat(rejectionWith(strict, elevenBytes)).endsWith(": body is 11 bytes, more than the limit of 10");
    assertThat(rejectionWith(strict, longAttribute))
        .endsWith(": value of attributes.k is 11 bytes, more than the limit of 10");
    assertThat(rejectionWith(strict, longArray)).contains("value of attributes.k is 44 bytes");
  }

  private static String rejectionWith(OtlpMapper mapper, LogRecord record) {
    return mapper.mapLogs("t", request(record), NOW).rejectionMessage();
  }

  @Test
  void aBadResourceRejectsOnlyItsOwnRecords() {
    OtlpMapper strict =
        new OtlpMapper(new MappingConfig(new MappingLimits(Duration.ofDays(1), Duration.ZERO, 100, 8, 1024), List.of()));
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(kv("service.name", "much-too-long")))
                    .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record(NOW)).addLogRecords(record(NOW))))
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(kv("service.name", "ok")))
                    .addScopeLogs(ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder()
                        .addAttributes(kv("s", "also-too-long"))).addLogRecords(record(NOW)))
                    .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(record(NOW).setBody(str("short")))))
            .build();

    MappedRows mapped = strict.mapLogs("t", request, NOW);

    assertThat(mapped.accepted()).isEqualTo(1);
    assertThat(mapped.rejected()).isEqualTo(3);
    assertThat(mapped.rejectionMessage())
        .isEqualTo("log record 0 of scope 0 of resource 0: value of resource.service.name is 13 bytes, more than "
            + "the limit of 8 (and 2 more rejected records)");
    assertThat(mapped.rowsFor(Signal.LOGS).get(0).getField("body")).isEqualTo("short");
    assertThat(mapped.rowsFor(Signal.LOGS).get(0).getField("service_name")).isEqualTo("ok");
  }
}
