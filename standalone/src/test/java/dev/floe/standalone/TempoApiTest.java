package dev.floe.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.floe.admin.ServiceMeters;
import dev.floe.catalog.Catalogs;
import dev.floe.ingest.IngestConfig;
import dev.floe.ingest.IngestService;
import dev.floe.maintain.MaintainConfig;
import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.query.QueryConfig;
import dev.floe.query.QueryService;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tempo API over traces sent with the OpenTelemetry SDK's gRPC and HTTP exporters and as
 * OTLP/JSON: whole by id, in protobuf and JSON, from the WAL right after the ack and from Iceberg after
 * compaction, with every attribute, event, link, status and kind as sent. Compaction runs only when
 * the test runs it.
 */
class TempoApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Resource RESOURCE =
      Resource.create(Attributes.of(
          AttributeKey.stringKey("service.name"), "checkout",
          AttributeKey.longKey("host.cores"), 8L,
          AttributeKey.stringArrayKey("host.tags"), List.of("a", "b")));
  private static final String LINKED_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String LINKED_SPAN = "b7ad6b7169203331";

  @TempDir static Path dataDir;
  private static LocalObjectStore store;
  private static Catalog catalog;
  private static IngestService ingest;
  private static QueryService query;
  private static MaintainConfig maintain;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() {
    StandaloneConfig defaults = StandaloneConfig.defaults();
    IngestConfig i = defaults.ingest();
    IngestConfig.Listener local = new IngestConfig.Listener("127.0.0.1", 0);
    IngestConfig ingestConfig =
        new IngestConfig(
            i.instanceId(), local, local, local, i.defaultTenant(), i.storage(), i.wal(),
            new dev.floe.ingest.pipeline.BatchConfig(
                i.batch().maxRows(), i.batch().maxBytes(), Duration.ofMillis(20), i.batch().flushThreads()),
            i.limits(), i.mapping(), Duration.ofSeconds(5), i.authEnabled(), i.tls(), i.readiness());
    QueryConfig q = defaults.query();
    QueryConfig.Listener queryLocal = new QueryConfig.Listener("127.0.0.1", 0);
    QueryConfig queryConfig =
        new QueryConfig(
            queryLocal, queryLocal, queryLocal, queryLocal, q.defaultTenant(), q.storage(), q.catalog(), q.wal(),
            q.lokiLimits(), q.prometheusLimits(), q.tempoLimits(), q.limits(), q.promoteResourceAttributes(),
            q.authEnabled(), q.tls());
    StandaloneConfig config = new StandaloneConfig(
        dataDir.toString(), ingestConfig, defaults.maintain(), queryConfig, defaults.authEnabled(), defaults.tls());
    // Ingest and query as standalone runs them, without the maintenance service: compaction is the test's.
    store = new LocalObjectStore(dataDir);
    PrometheusMeterRegistry meters = ServiceMeters.newRegistry();
    maintain = config.effectiveMaintain();
    catalog = Catalogs.open(maintain.catalog());
    ingest = IngestService.start(config.effectiveIngest(), store, meters);
    query = QueryService.start(config.effectiveQuery(), store, catalog, meters, server -> {});
  }

  @AfterAll
  static void stop() throws IOException {
    ingest.stop();
    query.stop();
    if (catalog instanceof java.io.Closeable closeable) {
      closeable.close();
    }
    store.close();
  }

  @Test
  void tracesComeBackWholeFromTheWalAndAfterCompaction() throws Exception {
    List<SpanData> grpcTrace = trace("grpc");
    List<SpanData> httpTrace = trace("http");
    export(OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + ingest.grpcPort())
        .addHeader("X-Scope-OrgID", "tenant-t").setTimeout(Duration.ofSeconds(30)).build(), grpcTrace);
    export(OtlpHttpSpanExporter.builder().setEndpoint("http://127.0.0.1:" + ingest.httpPort() + "/v1/traces")
        .addHeader("X-Scope-OrgID", "tenant-t").setTimeout(Duration.ofSeconds(30)).build(), httpTrace);
    String jsonTrace = "5b8efff798038103d269b633813fc60c";
    postOtlpJson(jsonTrace, "tenant-t");

    assertThat(spansTable().currentSnapshot()).as("nothing compacted yet").isNull();
    Map<String, byte[]> fromWal = new java.util.HashMap<>();
    for (List<SpanData> sent : List.of(grpcTrace, httpTrace)) {
      String id = sent.get(0).getTraceId();
      TracesData got = checkTrace(id, sent);
      fromWal.put(id, got.toByteArray());
    }
    checkJsonTrace(jsonTrace);

    compact();
    assertThat(spansTable().currentSnapshot()).as("compacted").isNotNull();
    for (List<SpanData> sent : List.of(grpcTrace, httpTrace)) {
      String id = sent.get(0).getTraceId();
      TracesData got = checkTrace(id, sent);
      assertThat(got.toByteArray()).as("the same trace from Iceberg as from the WAL").isEqualTo(fromWal.get(id));
    }
    checkJsonTrace(jsonTrace);
  }

  @Test
  void idsUnknownTracesAndTenantsAnswerAsTempoDoes() throws Exception {
    String shortId = "00000000000000000000000000abcdef";
    postOtlpJson(shortId, "tenant-s");

    assertThat(get("/api/v2/traces/abcdef", null, "tenant-s").statusCode()).isEqualTo(200);
    assertThat(protobufV2("abcdef", "tenant-s").getResourceSpansCount()).isEqualTo(1);
    assertThat(json(get("/api/traces/00abcdef", null, "tenant-s")).get("batches")).hasSize(1);
    assertThat(protobufV2("abcdef", "tenant-other").getResourceSpansCount()).as("another tenant's trace").isZero();
    assertThat(protobufV2("abcdef", "tenant-other|tenant-s").getResourceSpansCount()).isEqualTo(1);

    String unknown = "1234567890abcdef1234567890abcdef";
    HttpResponse<byte[]> v2 = get("/api/v2/traces/" + unknown, "application/protobuf", "tenant-s");
    assertThat(v2.statusCode()).isEqualTo(200);
    assertThat(traceByIdResponse(v2.body()).getResourceSpansCount()).isZero();
    assertThat(json(get("/api/v2/traces/" + unknown, null, "tenant-s")).get("trace").size()).isZero();
    assertThat(get("/api/traces/" + unknown, "application/protobuf", "tenant-s").statusCode()).isEqualTo(404);
    assertThat(get("/api/traces/" + unknown, null, "tenant-s").statusCode()).isEqualTo(404);

    for (String invalid : List.of("xyz", "1234567890abcdef1234567890abcdef0", "12-4")) {
      HttpResponse<byte[]> response = get("/api/v2/traces/" + invalid, null, "tenant-s");
      assertThat(response.statusCode()).as(invalid).isEqualTo(400);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("invalid trace id");
      assertThat(get("/api/traces/" + invalid, null, "tenant-s").statusCode()).isEqualTo(400);
    }
    long now = System.currentTimeMillis() / 1000;
    assertThat(get("/api/v2/traces/abcdef?start=" + (now - 3600) + "&end=" + (now + 60), "application/protobuf", "tenant-s")
        .body()).isNotEmpty();
    assertThat(traceByIdResponse(get("/api/v2/traces/abcdef?start=" + (now - 7200) + "&end=" + (now - 3600),
        "application/protobuf", "tenant-s").body()).getResourceSpansCount()).as("outside start/end").isZero();
    assertThat(get("/api/v2/traces/abcdef?start=10&end=5", null, "tenant-s").statusCode()).isEqualTo(400);
    assertThat(get("/api/v2/traces/abcdef?start=soon", null, "tenant-s").statusCode()).isEqualTo(400);
  }

  @Test
  void probesAnswerAsGrafanaExpects() throws Exception {
    HttpResponse<byte[]> echo = get("/api/echo", null, null);
    assertThat(echo.statusCode()).isEqualTo(200);
    assertThat(new String(echo.body(), StandardCharsets.UTF_8)).isEqualTo("echo");
    assertThat(json(get("/api/status/buildinfo", null, null)).get("version").asText()).isEqualTo("2.9.0");
    assertThat(get("/ready", null, null).statusCode()).isEqualTo(200);
  }

  /** A trace of three spans made through the SDK's API: server root, client child, a child with everything. */
  private static List<SpanData> trace(String label) {
    List<SpanData> spans = new ArrayList<>();
    SpanExporter collector = new Collector(spans);
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().setResource(RESOURCE).addSpanProcessor(SimpleSpanProcessor.create(collector)).build()) {
      Tracer tracer = provider.get("dev.floe.test." + label, "1.2.3");
      Span root = tracer.spanBuilder("GET /" + label).setSpanKind(SpanKind.SERVER).setNoParent().startSpan();
      Context parent = Context.root().with(root);
      Span client = tracer.spanBuilder("call " + label).setSpanKind(SpanKind.CLIENT).setParent(parent).startSpan();
      client.setStatus(StatusCode.OK);
      client.end();
      SpanContext linked =
          SpanContext.create(LINKED_TRACE, LINKED_SPAN, TraceFlags.getSampled(), TraceState.builder().put("k", "v").build());
      Span child =
          tracer.spanBuilder("work " + label)
              .setSpanKind(SpanKind.CONSUMER)
              .setParent(parent)
              .setAttribute("s", "text")
              .setAttribute("i", 42L)
              .setAttribute("d", 2.5)
              .setAttribute("b", true)
              .setAttribute(AttributeKey.longArrayKey("ia"), List.of(1L, 2L))
              .setAttribute(AttributeKey.booleanArrayKey("ba"), List.of(true, false))
              .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "retry", AttributeKey.longKey("n"), 3L))
              .startSpan();
      child.addEvent("retrying", Attributes.of(AttributeKey.longKey("attempt"), 2L, AttributeKey.doubleKey("wait"), 0.5));
      child.addEvent("gave up");
      child.setStatus(StatusCode.ERROR, "boom");
      child.end();
      root.end();
    }
    return spans;
  }

  private static void export(SpanExporter exporter, List<SpanData> spans) {
    try {
      assertThat(exporter.export(spans).join(30, TimeUnit.SECONDS).isSuccess()).as("export acknowledged").isTrue();
    } finally {
      exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** One server span with typed attributes, sent as OTLP/JSON. */
  private static void postOtlpJson(String traceId, String tenant) throws Exception {
    long start = System.currentTimeMillis() * 1_000_000L - 5_000_000_000L;
    String body = """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-svc"}}]},
          "scopeSpans":[{"scope":{"name":"json-scope"},"spans":[{"traceId":"%s","spanId":"00f067aa0ba902b7",
            "name":"json span","kind":2,"startTimeUnixNano":"%d","endTimeUnixNano":"%d",
            "attributes":[{"key":"http.status_code","value":{"intValue":"200"}},
                          {"key":"ratio","value":{"doubleValue":0.25}},
                          {"key":"raw","value":{"bytesValue":"AQID"}},
                          {"key":"kv","value":{"kvlistValue":{"values":[{"key":"x","value":{"boolValue":true}}]}}}],
            "status":{"code":1}}]}]}]}
        """.formatted(traceId, start, start + 1_000_000);
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.httpPort() + "/v1/traces"))
            .header("Content-Type", "application/json").header("X-Scope-OrgID", tenant)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static void checkJsonTrace(String traceId) throws Exception {
    TracesData trace = protobufV2(traceId, "tenant-t");
    assertThat(trace.getResourceSpansCount()).isEqualTo(1);
    io.opentelemetry.proto.trace.v1.Span span = trace.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(span.getName()).isEqualTo("json span");
    assertThat(span.getKindValue()).isEqualTo(2);
    assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_OK);
    Map<String, AnyValue> attributes = attributes(span.getAttributesList());
    assertThat(attributes.get("http.status_code").getIntValue()).isEqualTo(200);
    assertThat(attributes.get("ratio").getDoubleValue()).isEqualTo(0.25);
    assertThat(attributes.get("raw").getBytesValue().toByteArray()).containsExactly(1, 2, 3);
    assertThat(attributes.get("kv").getKvlistValue().getValues(0).getValue().getBoolValue()).isTrue();
    assertThat(trace.getResourceSpans(0).getScopeSpans(0).getScope().getName()).isEqualTo("json-scope");

    JsonNode json = json(get("/api/v2/traces/" + traceId, "application/json", "tenant-t"));
    JsonNode jsonSpan = json.get("trace").get("resourceSpans").get(0).get("scopeSpans").get(0).get("spans").get(0);
    assertThat(jsonSpan.get("traceId").asText()).isEqualTo(traceId);
    assertThat(jsonSpan.get("spanId").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(json.get("status").asText()).isEqualTo("COMPLETE");
  }

  /** Checks every way of reading trace {@code id} against what was sent; returns the v2 protobuf trace. */
  private static TracesData checkTrace(String id, List<SpanData> sent) throws Exception {
    TracesData v2 = protobufV2(id, "tenant-t");
    HttpResponse<byte[]> v1 = get("/api/traces/" + id, "application/protobuf", "tenant-t");
    assertThat(v1.statusCode()).isEqualTo(200);
    assertThat(TracesData.parseFrom(v1.body())).isEqualTo(v2);
    assertThat(get("/api/v2/traces/" + id, null, "tenant-other").statusCode()).isEqualTo(200);
    assertThat(protobufV2(id, "tenant-other").getResourceSpansCount()).isZero();

    assertThat(v2.getResourceSpansCount()).isEqualTo(1);
    ResourceSpans resourceSpans = v2.getResourceSpans(0);
    Map<String, AnyValue> resource = attributes(resourceSpans.getResource().getAttributesList());
    assertThat(resource.get("service.name").getStringValue()).isEqualTo("checkout");
    assertThat(resource.get("host.cores").getIntValue()).isEqualTo(8);
    assertThat(resource.get("host.tags").getArrayValue().getValuesList()).extracting(AnyValue::getStringValue)
        .containsExactly("a", "b");
    assertThat(resourceSpans.getScopeSpansCount()).isEqualTo(1);
    ScopeSpans scope = resourceSpans.getScopeSpans(0);
    assertThat(scope.getScope().getName()).startsWith("dev.floe.test.");
    assertThat(scope.getScope().getVersion()).isEqualTo("1.2.3");
    Map<String, io.opentelemetry.proto.trace.v1.Span> byName =
        scope.getSpansList().stream().collect(Collectors.toMap(io.opentelemetry.proto.trace.v1.Span::getName, Function.identity()));
    assertThat(byName).hasSize(sent.size());
    for (SpanData expected : sent) {
      io.opentelemetry.proto.trace.v1.Span span = byName.get(expected.getName());
      assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray())).isEqualTo(expected.getTraceId());
      assertThat(HexFormat.of().formatHex(span.getSpanId().toByteArray())).isEqualTo(expected.getSpanId());
      assertThat(HexFormat.of().formatHex(span.getParentSpanId().toByteArray()))
          .isEqualTo(expected.getParentSpanContext().isValid() ? expected.getParentSpanId() : "");
      assertThat(span.getKindValue()).isEqualTo(expected.getKind().ordinal() + 1);
      assertThat(span.getStartTimeUnixNano()).isEqualTo(expected.getStartEpochNanos());
      assertThat(span.getEndTimeUnixNano()).isEqualTo(expected.getEndEpochNanos());
      assertThat(span.getStatus().getCodeValue()).isEqualTo(switch (expected.getStatus().getStatusCode()) {
        case UNSET -> 0;
        case OK -> 1;
        case ERROR -> 2;
      });
      assertThat(span.getStatus().getMessage()).isEqualTo(expected.getStatus().getDescription());
      assertThat(span.getAttributesCount()).isEqualTo(expected.getAttributes().size());
      assertThat(span.getEventsCount()).isEqualTo(expected.getEvents().size());
      assertThat(span.getLinksCount()).isEqualTo(expected.getLinks().size());
    }
    io.opentelemetry.proto.trace.v1.Span work =
        byName.values().stream().filter(s -> s.getName().startsWith("work")).findFirst().orElseThrow();
    Map<String, AnyValue> attributes = attributes(work.getAttributesList());
    assertThat(attributes.get("s").getStringValue()).isEqualTo("text");
    assertThat(attributes.get("i").getIntValue()).isEqualTo(42);
    assertThat(attributes.get("d").getDoubleValue()).isEqualTo(2.5);
    assertThat(attributes.get("b").getBoolValue()).isTrue();
    assertThat(attributes.get("ia").getArrayValue().getValuesList()).extracting(AnyValue::getIntValue).containsExactly(1L, 2L);
    assertThat(attributes.get("ba").getArrayValue().getValuesList()).extracting(AnyValue::getBoolValue)
        .containsExactly(true, false);
    assertThat(work.getEvents(0).getName()).isEqualTo("retrying");
    Map<String, AnyValue> event = attributes(work.getEvents(0).getAttributesList());
    assertThat(event.get("attempt").getIntValue()).isEqualTo(2);
    assertThat(event.get("wait").getDoubleValue()).isEqualTo(0.5);
    assertThat(work.getEvents(1).getName()).isEqualTo("gave up");
    assertThat(work.getEvents(1).getAttributesCount()).isZero();
    io.opentelemetry.proto.trace.v1.Span.Link link = work.getLinks(0);
    assertThat(HexFormat.of().formatHex(link.getTraceId().toByteArray())).isEqualTo(LINKED_TRACE);
    assertThat(HexFormat.of().formatHex(link.getSpanId().toByteArray())).isEqualTo(LINKED_SPAN);
    assertThat(link.getTraceState()).isEqualTo("k=v");
    Map<String, AnyValue> linkAttributes = attributes(link.getAttributesList());
    assertThat(linkAttributes.get("link.reason").getStringValue()).isEqualTo("retry");
    assertThat(linkAttributes.get("n").getIntValue()).isEqualTo(3);

    // JSON: v2 wraps the trace, v1 names the resource spans "batches"; ids in hex.
    JsonNode v2Json = json(get("/api/v2/traces/" + id, null, "tenant-t"));
    JsonNode spans = v2Json.get("trace").get("resourceSpans").get(0).get("scopeSpans").get(0).get("spans");
    assertThat(spans).hasSize(sent.size());
    for (JsonNode span : spans) {
      assertThat(span.get("traceId").asText()).isEqualTo(id);
      if (span.get("name").asText().startsWith("work")) {
        assertThat(span.get("links").get(0).get("traceId").asText()).isEqualTo(LINKED_TRACE);
        assertThat(span.get("kind").asText()).isEqualTo("SPAN_KIND_CONSUMER");
        assertThat(span.get("status").get("code").asText()).isEqualTo("STATUS_CODE_ERROR");
      }
    }
    JsonNode v1Json = json(get("/api/traces/" + id, "application/json", "tenant-t"));
    assertThat(v1Json.get("batches").get(0)).isEqualTo(v2Json.get("trace").get("resourceSpans").get(0));
    return v2;
  }

  private static TracesData protobufV2(String id, String tenant) throws Exception {
    HttpResponse<byte[]> response = get("/api/v2/traces/" + id, "application/protobuf", tenant);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/protobuf");
    return traceByIdResponse(response.body());
  }

  /** The trace of a {@code tempopb.TraceByIDResponse}; its status must be COMPLETE (absent). */
  private static TracesData traceByIdResponse(byte[] body) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(body);
    TracesData trace = TracesData.getDefaultInstance();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = WireFormat.getTagFieldNumber(tag);
      assertThat(field).as("only the trace field").isEqualTo(1);
      trace = TracesData.parseFrom(in.readBytes());
    }
    return trace;
  }

  private static Map<String, AnyValue> attributes(List<KeyValue> list) {
    return list.stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
  }

  private static HttpResponse<byte[]> get(String path, String accept, String tenant) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + query.tempoPort() + path)).timeout(Duration.ofSeconds(30));
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (tenant != null) {
      request.header("X-Scope-OrgID", tenant);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    return JSON.readTree(response.body());
  }

  private static Table spansTable() {
    return catalog.loadTable(TableIdentifier.of(maintain.catalog().namespace(), "spans"));
  }

  private static void compact() {
    new Compactor(
            Signal.SPANS,
            spansTable(),
            store,
            maintain.wal().shards(),
            maintain.compaction(),
            new CompactionMetrics(ServiceMeters.newRegistry(), Signal.SPANS),
            Clock.systemUTC())
        .compact(() -> true);
  }

  /** Keeps what the SDK ends. */
  private record Collector(List<SpanData> spans) implements SpanExporter {
    @Override
    public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<SpanData> batch) {
      spans.addAll(batch);
      return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
    }

    @Override
    public io.opentelemetry.sdk.common.CompletableResultCode flush() {
      return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
    }

    @Override
    public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
      return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
    }
  }
}
