package dev.floe.otlp;

import static dev.floe.otlp.LogsMapperTest.assertRow;
import static dev.floe.otlp.Otlp.NOW;
import static dev.floe.otlp.Otlp.SECOND;
import static dev.floe.otlp.Otlp.array;
import static dev.floe.otlp.Otlp.buffer;
import static dev.floe.otlp.Otlp.dbl;
import static dev.floe.otlp.Otlp.id;
import static dev.floe.otlp.Otlp.integer;
import static dev.floe.otlp.Otlp.kv;
import static dev.floe.otlp.Otlp.micros;
import static dev.floe.otlp.Otlp.remainder;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class SpansMapperTest {
  private static final OtlpMapper MAPPER = new OtlpMapper(MappingConfig.defaults());
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN = "eee19b7ec3c1b174";
  private static final String PARENT = "0102030405060708";

  static ExportTraceServiceRequest request(Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(kv("service.name", "frontend"))
                        .addAttributes(kv("host.cpus", integer(8))))
                .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.http").setVersion("2.0"))
                        .addAllSpans(List.of(spans))))
        .build();
  }

  static Span.Builder span(long start, long end) {
    return Span.newBuilder()
        .setTraceId(id(TRACE))
        .setSpanId(id(SPAN))
        .setName("GET /cart")
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(end);
  }

  @Test
  void mapsEveryColumnWithEventsAndLinks() {
    long start = NOW - 3 * SECOND + 5;
    long end = NOW - SECOND + 999;
    Span span =
        span(start, end)
            .setParentSpanId(id(PARENT))
            .setTraceState("vendor=abc")
            .setFlags(0x301)
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .addAttributes(kv("http.route", "/cart"))
            .addAttributes(kv("http.status_code", integer(200)))
            .setDroppedAttributesCount(4)
            .addEvents(Span.Event.newBuilder().setTimeUnixNano(NOW - 2 * SECOND).setName("cache.miss"))
            .addEvents(
                Span.Event.newBuilder()
                    .setTimeUnixNano(NOW - 2 * SECOND + 17)
                    .setName("retry")
                    .addAttributes(kv("attempt", integer(2)))
                    .addAttributes(kv("reason", "timeout"))
                    .setDroppedAttributesCount(1))
            .setDroppedEventsCount(5)
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(id("ffffffffffffffffffffffffffffff01"))
                    .setSpanId(id("0000000000000002"))
                    .setTraceState("k=v")
                    .setFlags(1)
                    .addAttributes(kv("weight", dbl(0.5)))
                    .setDroppedAttributesCount(2))
            .setDroppedLinksCount(6)
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
            .build();

    MappedRows mapped = MAPPER.mapSpans("tenant-b", request(span), NOW);

    assertThat(mapped.accepted()).isEqualTo(1);
    assertThat(mapped.rows()).containsOnlyKeys(Signal.SPANS);
    Record row = mapped.rowsFor(Signal.SPANS).get(0);

    Types.StructType eventType =
        FloeTables.SPANS.schema().findField("events").type().asListType().elementType().asStructType();
    GenericRecord event0 = GenericRecord.create(eventType);
    event0.setField("time_unix_nano", NOW - 2 * SECOND);
    event0.setField("name", "cache.miss");
    event0.setField("attributes", Map.of());
    event0.setField("dropped_attributes_count", 0);
    GenericRecord event1 = GenericRecord.create(eventType);
    event1.setField("time_unix_nano", NOW - 2 * SECOND + 17);
    event1.setField("name", "retry");
    event1.setField("attributes", Map.of("attempt", "2", "reason", "timeout"));
    event1.setField("dropped_attributes_count", 1);
    Types.StructType linkType =
        FloeTables.SPANS.schema().findField("links").type().asListType().elementType().asStructType();
    GenericRecord link = GenericRecord.create(linkType);
    link.setField("trace_id", buffer("ffffffffffffffffffffffffffffff01"));
    link.setField("span_id", buffer("0000000000000002"));
    link.setField("trace_state", "k=v");
    link.setField("flags", 1);
    link.setField("attributes", Map.of("weight", "0.5"));
    link.setField("dropped_attributes_count", 2);

    Map<String, Object> expected = new HashMap<>();
    expected.put("tenant_id", "tenant-b");
    expected.put("timestamp", micros(start));
    expected.put("timestamp_nanos", remainder(start));
    expected.put("end_timestamp", micros(end));
    expected.put("end_timestamp_nanos", remainder(end));
    expected.put("duration_nanos", end - start);
    expected.put("service_name", "frontend");
    expected.put("trace_id", buffer(TRACE));
    expected.put("span_id", buffer(SPAN));
    expected.put("parent_span_id", buffer(PARENT));
    expected.put("trace_state", "vendor=abc");
    expected.put("flags", 0x301);
    expected.put("name", "GET /cart");
    expected.put("kind", 2);
    expected.put("status_code", 2);
    expected.put("status_message", "boom");
    expected.put("attributes", Map.of("http.route", "/cart", "http.status_code", "200"));
    expected.put("dropped_attributes_count", 4);
    expected.put("events", List.of(event0, event1));
    expected.put("dropped_events_count", 5);
    expected.put("links", List.of(link));
    expected.put("dropped_links_count", 6);
    expected.put("resource_attributes", Map.of("service.name", "frontend", "host.cpus", "8"));
    expected.put("resource_schema_url", "https://opentelemetry.io/schemas/1.26.0");
    expected.put("resource_dropped_attributes_count", 0);
    expected.put("scope_name", "io.opentelemetry.http");
    expected.put("scope_version", "2.0");
    expected.put("scope_attributes", Map.of());
    expected.put("scope_schema_url", null);
    expected.put("scope_dropped_attributes_count", 0);
    expected.put(
        "value_types",
        Map.of(
            "resource.host.cpus", "int",
            "attributes.http.status_code", "int",
            "events.1.attempt", "int",
            "links.0.weight", "double"));
    assertRow(row, expected);
  }

  @Test
  void rootSpansHaveNoParentAndUnsetFieldsAreNull() {
    Record row = MAPPER.mapSpans("t", request(span(NOW - SECOND, NOW - SECOND).build()), NOW).rowsFor(Signal.SPANS).get(0);

    assertThat(row.getField("parent_span_id")).isNull();
    assertThat(row.getField("trace_state")).isNull();
    assertThat(row.getField("status_message")).isNull();
    assertThat(row.getField("status_code")).isEqualTo(0);
    assertThat(row.getField("kind")).isEqualTo(0);
    assertThat(row.getField("duration_nanos")).isEqualTo(0L);
    assertThat(row.getField("events")).isEqualTo(List.of());
    assertThat(row.getField("links")).isEqualTo(List.of());
    assertThat(row.getField("value_types")).isEqualTo(Map.of("resource.host.cpus", "int"));
  }

  @Test
  void invalidSpansAreRejectedAndTheOthersKept() {
    Span valid = span(NOW - SECOND, NOW).build();
    Span zeroTrace = span(NOW - SECOND, NOW).setTraceId(ByteString.copyFrom(new byte[16])).build();
    Span valid2 = span(NOW - 2 * SECOND, NOW - SECOND).setName("second").build();
    Span noSpanId = span(NOW - SECOND, NOW).clearSpanId().build();

    MappedRows mapped = MAPPER.mapSpans("t", request(valid, zeroTrace, valid2, noSpanId), NOW);

    assertThat(mapped.accepted()).isEqualTo(2);
    assertThat(mapped.rejected()).isEqualTo(2);
    assertThat(mapped.rejectionMessage())
        .isEqualTo("span 1 of scope 0 of resource 0: trace_id must not be all zero (and 1 more rejected records)");
    assertThat(mapped.rowsFor(Signal.SPANS)).extracting(r -> r.getField("name")).containsExactly("GET /cart", "second");
  }

  @Test
  void rejectionMessagesNameTheProblem() {
    String where = "span 0 of scope 0 of resource 0: ";
    assertThat(rejection(span(NOW, NOW).setTraceId(id("0102")).build()))
        .isEqualTo(where + "trace_id must be 16 bytes, got 2");
    assertThat(rejection(span(NOW, NOW).setSpanId(ByteString.copyFrom(new byte[8])).build()))
        .isEqualTo(where + "span_id must not be all zero");
    assertThat(rejection(span(NOW, NOW).clearSpanId().build())).isEqualTo(where + "span_id must be 8 bytes, got 0");
    assertThat(rejection(span(NOW, NOW).setParentSpanId(id("01020304")).build()))
        .isEqualTo(where + "parent_span_id must be 8 bytes, got 4");
    assertThat(rejection(span(NOW, NOW).addLinks(Span.Link.newBuilder().setTraceId(id("010203"))
        .setSpanId(id(SPAN))).build()))
        .isEqualTo(where + "link 0: trace_id must be 16 bytes, got 3");
    assertThat(rejection(span(NOW, NOW).addLinks(Span.Link.newBuilder().setTraceId(id(TRACE))
        .setSpanId(id(SPAN))).addLinks(Span.Link.newBuilder().setTraceId(id(TRACE))).build()))
        .isEqualTo(where + "link 1: span_id must be 8 bytes, got 0");
    assertThat(rejection(span(NOW, NOW - 1).build()))
        .isEqualTo(where + "end_time_unix_nano is before start_time_unix_nano");
    assertThat(rejection(span(0, NOW).build()))
        .isEqualTo(where + "start_time_unix_nano 1970-01-01T00:00:00Z is more than 7d before the receive time "
            + "2023-11-14T22:13:20.123456789Z");
    assertThat(rejection(span(NOW, NOW + Duration.ofHours(1).toNanos()).build()))
        .startsWith(where + "end_time_unix_nano 2023-11-14T23:13:20.123456789Z is more than 10m after");
    // Unsigned fixed64 times past 2262 arrive negative in Java, and are far in the past.
    assertThat(rejection(span(NOW, -1).build())).startsWith(where + "end_time_unix_nano 1969-12-31T23:59:59.999999999Z");
  }

  @Test
  void attributeLimitCountsSpanResourceAndScopeAttributes() {
    OtlpMapper strict =
        new OtlpMapper(new MappingConfig(new MappingLimits(Duration.ofDays(1), Duration.ZERO, 3, 100, 1024), List.of()));
    Span fits = span(NOW, NOW).addAttributes(kv("a", "1")).build();
    Span tooMany = span(NOW, NOW).addAttributes(kv("a", "1")).addAttributes(kv("b", "2")).build();
    Span longEventValue = span(NOW, NOW)
        .addEvents(Span.Event.newBuilder().setName("e").addAttributes(kv("big", array(integer(1), integer(2),
            integer(3), integer(4), integer(5), integer(6))))).build();

    MappedRows mapped = strict.mapSpans("t", request(fits, tooMany, longEventValue), NOW);

    assertThat(mapped.accepted()).isEqualTo(1);
    assertThat(mapped.rejectionMessage())
        .isEqualTo("span 1 of scope 0 of resource 0: has 4 attributes with its resource and scope, more than the "
            + "limit of 3 (and 1 more rejected records)");
    assertThat(strict.mapSpans("t", request(longEventValue), NOW).rejectionMessage())
        .startsWith("span 0 of scope 0 of resource 0: value of events.0.big is 1");
  }

  private static String rejection(Span span) {
    MappedRows mapped = MAPPER.mapSpans("t", request(span), NOW);
    assertThat(mapped.accepted() + mapped.rejected()).isEqualTo(1);
    return mapped.rejectionMessage();
  }
}
