package dev.floe.query.api.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import dev.floe.traceql.engine.MetricsFixtures;
import dev.floe.traceql.engine.TraceFixtures;
import dev.floe.traces.InMemoryTraceSource;
import dev.floe.traces.Span;
import dev.floe.traces.SpanBuilder;
import java.net.InetSocketAddress;
import dev.floe.query.QueryConfig;
import dev.floe.query.api.BlockingApi;
import dev.floe.query.api.QueryGate;
import dev.floe.query.api.QueryMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TraceQL endpoints over HTTP, as Grafana's Tempo datasource calls them: shapes with string
 * nanosecond fields and jsonpb field names only, and clear 400s for bad input.
 */
@Timeout(60)
class TraceqlApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Server server;
  private static BlockingWebClient client;
  private static InMemoryTraceSource source;

  @BeforeAll
  static void start() {
    List<Span> spans = new ArrayList<>(TraceFixtures.spans());
    spans.addAll(MetricsFixtures.spans());
    spans.add(SpanBuilder.span("000000000000000000000000000000ee", "00000000000000e1").tenant("other").name("x")
        .service("elsewhere").time(1005 * MetricsFixtures.S, 1_000_000).build());
    source = new InMemoryTraceSource(spans);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1100), ZoneOffset.UTC);
    ServerBuilder builder = Server.builder().http(new InetSocketAddress("127.0.0.1", 0));
    api(clock, Duration.ofMinutes(2)).addRoutes(builder);
    server = builder.build();
    server.start().join();
    client = BlockingWebClient.of("http://127.0.0.1:" + server.activeLocalPort());
  }

  /** The TraceQL endpoints over the test's spans, with queries stopped after {@code timeout}. */
  private static TraceqlApi api(Clock clock, Duration timeout) {
    QueryGate gate = new QueryGate(QueryConfig.defaults().limits());
    BlockingApi endpoints = new BlockingApi(
        "tempo", timeout, "fake", gate, new QueryMeters(new SimpleMeterRegistry(), gate), TempoErrors::of);
    return new TraceqlApi(context -> source, clock, "fake", QueryConfig.defaults().tempoLimits(), endpoints);
  }

  @AfterAll
  static void stop() {
    server.stop().join();
  }

  private static AggregatedHttpResponse get(String path) {
    return client.get(path);
  }

  private static JsonNode ok(String path) throws Exception {
    AggregatedHttpResponse response = get(path);
    assertThat(response.status()).as(path + ": " + response.contentUtf8()).isEqualTo(HttpStatus.OK);
    return JSON.readTree(response.contentUtf8());
  }

  private static Set<String> fields(JsonNode node) {
    Set<String> out = new TreeSet<>();
    Iterator<String> names = node.fieldNames();
    names.forEachRemaining(out::add);
    return out;
  }

  @Test
  void searchAnswersTempoShapes() throws Exception {
    JsonNode body = ok("/api/search?q=" + enc("{ status = error && resource.service.name = \"backend\" }")
        + "&start=900&end=1100");
    assertThat(fields(body)).containsExactly("metrics", "traces");
    JsonNode trace = body.get("traces").get(0);
    assertThat(body.get("traces")).hasSize(1);
    assertThat(fields(trace)).containsExactly("durationMs", "rootServiceName", "rootTraceName", "serviceStats",
        "spanSet", "spanSets", "startTimeUnixNano", "traceID");
    assertThat(trace.get("traceID").asText()).isEqualTo("1");
    assertThat(trace.get("rootServiceName").asText()).isEqualTo("frontend");
    assertThat(trace.get("rootTraceName").asText()).isEqualTo("GET /");
    assertThat(trace.get("startTimeUnixNano").isTextual()).isTrue();
    assertThat(trace.get("startTimeUnixNano").asText()).isEqualTo("1000000000000");
    assertThat(trace.get("durationMs").asLong()).isEqualTo(100);
    JsonNode span = trace.get("spanSets").get(0).get("spans").get(0);
    assertThat(fields(span)).containsExactly("attributes", "durationNanos", "name", "spanID", "startTimeUnixNano");
    assertThat(span.get("spanID").asText()).isEqualTo("0000000000000002");
    assertThat(span.get("durationNanos").asText()).isEqualTo("50000000");
    assertThat(span.get("attributes").toString())
        .isEqualTo("[{\"key\":\"status\",\"value\":{\"stringValue\":\"error\"}},"
            + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"backend\"}}]");
    assertThat(trace.get("spanSets").get(0).get("matched").asInt()).isEqualTo(1);
    assertThat(trace.get("serviceStats").toString()).isEqualTo(
        "{\"backend\":{\"spanCount\":3,\"errorCount\":1},\"frontend\":{\"spanCount\":1},\"worker\":{\"spanCount\":1}}");
  }

  @Test
  void searchLimitsSpansPerSpansetAndTraces() throws Exception {
    JsonNode all = ok("/api/search?q=" + enc("{}") + "&start=900&end=1100&spss=0&limit=20");
    assertThat(all.get("traces")).hasSize(4);
    JsonNode first = all.get("traces").get(0);
    assertThat(first.get("traceID").asText()).isEqualTo("c"); // newest first
    JsonNode fixture = null;
    for (JsonNode t : all.get("traces")) {
      if (t.get("traceID").asText().equals("1")) {
        fixture = t;
      }
    }
    assertThat(fixture.get("spanSets").get(0).get("spans")).hasSize(5);
    JsonNode two = ok("/api/search?q=" + enc("{}") + "&start=900&end=1100&spss=2&limit=2");
    assertThat(two.get("traces")).hasSize(2);
    assertThat(two.get("traces").get(0).get("spanSets").get(0).get("spans").size()).isLessThanOrEqualTo(2);
    JsonNode grouped = ok("/api/search?q=" + enc("{} | by(resource.service.name) | count() > 2") + "&start=900&end=1100");
    assertThat(grouped.get("traces").get(0).get("spanSets").get(0).get("attributes").toString()).isEqualTo(
        "[{\"key\":\"by(resource.service.name)\",\"value\":{\"stringValue\":\"backend\"}},"
            + "{\"key\":\"count()\",\"value\":{\"intValue\":\"3\"}}]");
  }

  @Test
  void searchReadsTenantsAndLegacyTags() throws Exception {
    AggregatedHttpResponse other = client.execute(RequestHeaders.of(HttpMethod.GET,
        "/api/search?q=" + enc("{}") + "&start=900&end=1100", "X-Scope-OrgID", "other"));
    assertThat(JSON.readTree(other.contentUtf8()).get("traces")).hasSize(1);
    AggregatedHttpResponse both = client.execute(RequestHeaders.of(HttpMethod.GET,
        "/api/search?q=" + enc("{}") + "&start=900&end=1100", "X-Scope-OrgID", "fake|other"));
    assertThat(JSON.readTree(both.contentUtf8()).get("traces")).hasSize(5);
    JsonNode tags = ok("/api/search?tags=" + enc("service.name=backend http.status_code=200") + "&start=900&end=1100");
    assertThat(tags.get("traces")).isEmpty();
    JsonNode tagsMatch = ok("/api/search?tags=" + enc("name=\"GET /\" http.status_code=200") + "&minDuration=50ms"
        + "&start=900&end=1100");
    assertThat(tagsMatch.get("traces")).hasSize(1);
    JsonNode tooLong = ok("/api/search?tags=" + enc("name=\"GET /\"") + "&minDuration=1s&start=900&end=1100");
    assertThat(tooLong.get("traces")).isEmpty();
  }

  @Test
  void searchStopsOnceTheLimitIsReached() throws Exception {
    ok("/api/search?q=" + enc("{}") + "&start=900&end=1100&limit=1");
    int before = source.delivered();
    ok("/api/search?q=" + enc("{}") + "&start=900&end=1100&limit=1");
    assertThat(source.delivered() - before).isEqualTo(1);
    int beforeRecent = source.delivered();
    JsonNode recent = ok("/api/search?q=" + enc("{} with(most_recent=true)") + "&start=900&end=1100&limit=1");
    assertThat(source.delivered() - beforeRecent).isEqualTo(4);
    assertThat(recent.get("traces").get(0).get("traceID").asText()).isEqualTo("c");
    ok("/api/search?q=" + enc("{ resource.service.name = \"api\" && duration > 2ms }") + "&start=900&end=1100");
    assertThat(source.lastRequest().serviceName()).isEqualTo("api");
    assertThat(source.lastRequest().minSpanDurationNanos()).isEqualTo(2_000_001);
  }

  @Test
  void rejectsBadInputWithClearMessages() {
    assertBad("/api/search?q=" + enc("{ .a = }"),
        "invalid TraceQL query: parse error at line 1, col 8: syntax error: unexpected CLOSE_BRACE");
    assertBad("/api/search?q=" + enc("{}") + "&tags=a%3Db", "q and tags cannot be used together");
    assertBad("/api/search?q=" + enc("{}") + "&start=1100&end=900", "start must be before end");
    assertBad("/api/search?q=" + enc("{}") + "&limit=0", "invalid limit");
    assertBad("/api/search?q=" + enc("{}") + "&limit=x", "invalid limit");
    assertBad("/api/search?q=" + enc("{}") + "&start=abc", "invalid start");
    assertBad("/api/search?q=" + enc("{ name = 1 }"), "binary operations must operate on the same type");
    assertBad("/api/search?minDuration=2s&maxDuration=1s", "maxDuration");
    assertBad("/api/search?q=" + enc("{} | rate()"), "metrics queries");
    assertBad("/api/v2/search/tag/app.user.id/values", "please provide a valid tagName: failed to parse identifier app.user.id");
    assertBad("/api/v2/search/tags?scope=nope", "invalid scope");
    assertBad("/api/metrics/query_range?q=" + enc("{}"), "not a metrics query");
    assertBad("/api/metrics/query_range?q=" + enc("{} | rate()") + "&start=1100&end=900", "end must be greater than start");
    assertBad("/api/metrics/query_range?q=" + enc("{} | rate()") + "&start=0&end=1100&step=1ms", "too small");
    assertBad("/api/metrics/query_range?q=" + enc("{} | rate()") + "&step=abc", "invalid step");
    assertBad("/api/metrics/query_range", "q parameter is required");
  }

  private static void assertBad(String path, String message) {
    AggregatedHttpResponse response = get(path);
    assertThat(response.status()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.contentUtf8()).as(path).contains(message);
  }

  @Test
  void tagsListScopesAndIntrinsics() throws Exception {
    JsonNode body = ok("/api/v2/search/tags?start=900&end=1100");
    assertThat(fields(body)).containsExactly("metrics", "scopes");
    List<String> scopes = new ArrayList<>();
    for (JsonNode scope : body.get("scopes")) {
      scopes.add(scope.get("name").asText());
      assertThat(fields(scope)).containsExactly("name", "tags");
    }
    assertThat(scopes).containsExactly("resource", "span", "event", "link", "instrumentation", "intrinsic");
    assertThat(body.get("scopes").get(0).get("tags").toString()).isEqualTo("[\"deployment.environment\",\"service.name\"]");
    assertThat(body.get("scopes").get(1).get("tags").toString())
        .isEqualTo("[\"cached\",\"db.rows\",\"http.method\",\"http.status_code\",\"ratio\",\"tags\"]");
    assertThat(body.get("scopes").get(2).get("tags").toString()).isEqualTo("[\"exception.type\"]");
    assertThat(body.get("scopes").get(5).get("tags").toString()).contains("\"event:name\"", "\"traceDuration\"");
    JsonNode span = ok("/api/v2/search/tags?scope=span&q=" + enc("{ resource.service.name = \"frontend\" }")
        + "&start=900&end=1100");
    assertThat(span.get("scopes")).hasSize(1);
    assertThat(span.get("scopes").get(0).get("tags").toString()).isEqualTo("[\"http.method\",\"http.status_code\"]");
    JsonNode v1 = ok("/api/search/tags?start=900&end=1100");
    assertThat(v1.get("tagNames").toString()).contains("\"service.name\"", "\"http.method\"");
  }

  @Test
  void tagValuesAreTypedAndNarrowedByQ() throws Exception {
    assertThat(ok("/api/v2/search/tag/resource.service.name/values?start=900&end=1100").get("tagValues").toString())
        .isEqualTo("[{\"type\":\"string\",\"value\":\"api\"},{\"type\":\"string\",\"value\":\"backend\"},"
            + "{\"type\":\"string\",\"value\":\"db\"},{\"type\":\"string\",\"value\":\"frontend\"},"
            + "{\"type\":\"string\",\"value\":\"worker\"}]");
    assertThat(ok("/api/v2/search/tag/resource.service.name/values?start=900&end=1100&q="
        + enc("{ status = error && span.db.rows = }")).get("tagValues").toString())
        .isEqualTo("[{\"type\":\"string\",\"value\":\"backend\"},{\"type\":\"string\",\"value\":\"db\"}]");
    assertThat(ok("/api/v2/search/tag/status/values?start=900&end=1100").get("tagValues").toString())
        .isEqualTo("[{\"type\":\"keyword\",\"value\":\"error\"},{\"type\":\"keyword\",\"value\":\"ok\"},"
            + "{\"type\":\"keyword\",\"value\":\"unset\"}]");
    assertThat(ok("/api/v2/search/tag/span.db.rows/values?start=900&end=1100").get("tagValues").toString())
        .isEqualTo("[{\"type\":\"int\",\"value\":\"1\"},{\"type\":\"int\",\"value\":\"5\"}]");
    assertThat(ok("/api/v2/search/tag/span:kind/values?start=900&end=1100&q=" + enc("{ resource.service.name = \"backend\" }"))
        .get("tagValues").toString()).isEqualTo(
            "[{\"type\":\"keyword\",\"value\":\"client\"},{\"type\":\"keyword\",\"value\":\"internal\"}]");
    assertThat(ok("/api/v2/search/tag/event%253Aname/values?start=900&end=1100").get("tagValues").toString())
        .isEqualTo("[{\"type\":\"string\",\"value\":\"exception\"}]");
    assertThat(ok("/api/v2/search/tag/resource%252Eservice%252Ename/values?start=900&end=1100&q="
        + enc("{ name = \"orphan\" }")).get("tagValues").toString())
        .isEqualTo("[{\"type\":\"string\",\"value\":\"worker\"}]");
    assertThat(ok("/api/v2/search/tag/span.ratio/values?start=900&end=1100").get("tagValues").toString())
        .isEqualTo("[{\"type\":\"float\",\"value\":\"0.5\"}]");
    assertThat(ok("/api/search/tag/service.name/values?start=900&end=1100&q=" + enc("{ kind = producer }"))
        .get("tagValues").toString()).isEqualTo("[\"worker\"]");
  }

  @Test
  void queryRangeAnswersJsonpbShapes() throws Exception {
    JsonNode body = ok("/api/metrics/query_range?q=" + enc("{ resource.service.name =~ \"api|db\" } | count_over_time() by (resource.service.name)")
        + "&start=1000&end=1030&step=10s");
    assertThat(fields(body)).containsExactly("metrics", "series");
    JsonNode series = body.get("series");
    assertThat(series).hasSize(2);
    JsonNode api = series.get(0).get("labels").get(0).get("value").get("stringValue").asText().equals("api")
        ? series.get(0) : series.get(1);
    assertThat(fields(api)).containsExactly("exemplars", "labels", "samples");
    assertThat(api.get("labels").toString())
        .isEqualTo("[{\"key\":\"resource.service.name\",\"value\":{\"stringValue\":\"api\"}}]");
    assertThat(api.get("samples").toString()).isEqualTo("[{\"timestampMs\":\"1000000\",\"value\":0.0},"
        + "{\"timestampMs\":\"1010000\",\"value\":1.0},{\"timestampMs\":\"1020000\",\"value\":2.0},"
        + "{\"timestampMs\":\"1030000\",\"value\":0.0}]");
    JsonNode exemplar = api.get("exemplars").get(0);
    assertThat(fields(exemplar)).containsExactly("labels", "timestampMs", "value");
    assertThat(exemplar.get("labels").get(0).get("key").asText()).isEqualTo("trace:id");
    assertThat(exemplar.get("value").asText()).isEqualTo("NaN");

    JsonNode rfc = ok("/api/metrics/query_range?query=" + enc("{ resource.service.name = \"api\" } | max_over_time(duration)")
        + "&start=1970-01-01T00:16:40Z&end=1030000000000&step=10&exemplars=0");
    assertThat(rfc.get("series").get(0).get("samples").toString())
        .isEqualTo("[{\"timestampMs\":\"1010000\",\"value\":0.1},{\"timestampMs\":\"1020000\",\"value\":1.0}]");
    assertThat(fields(rfc.get("series").get(0))).containsExactly("labels", "samples");
    JsonNode quantile = ok("/api/metrics/query_range?q=" + enc("{ resource.service.name = \"db\" } | quantile_over_time(duration, .9)")
        + "&start=1000&end=1030&step=10s");
    assertThat(quantile.get("series").get(0).get("labels").toString())
        .isEqualTo("[{\"key\":\"p\",\"value\":{\"doubleValue\":0.9}}]");
    JsonNode since = ok("/api/metrics/query_range?q=" + enc("{} | rate()") + "&since=2m&end=1100");
    assertThat(since.get("series").get(0).get("samples").size()).isGreaterThan(0);
  }

  @Test
  void instantQueryAnswersOneValuePerSeries() throws Exception {
    JsonNode body = ok("/api/metrics/query?q=" + enc("{ resource.service.name =~ \"api|db\" } | count_over_time()")
        + "&start=1000&end=1030");
    assertThat(fields(body)).containsExactly("metrics", "series");
    assertThat(body.get("series").toString())
        .isEqualTo("[{\"labels\":[{\"key\":\"__name__\",\"value\":{\"stringValue\":\"count_over_time\"}}],\"value\":5.0}]");
  }

  @Test
  void stopsAQueryAtItsDeadline() throws Exception {
    ServerBuilder builder = Server.builder().http(new InetSocketAddress("127.0.0.1", 0));
    api(Clock.fixed(Instant.ofEpochSecond(1100), ZoneOffset.UTC), Duration.ZERO).addRoutes(builder);
    Server slow = builder.build();
    slow.start().join();
    try {
      BlockingWebClient slowClient = BlockingWebClient.of("http://127.0.0.1:" + slow.activeLocalPort());
      AggregatedHttpResponse response = slowClient.get("/api/search?q=" + enc("{}") + "&start=900&end=1100");
      assertThat(response.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
      assertThat(response.contentUtf8()).contains("timed out");
      assertThat(client.get("/api/search?q=" + enc("{}") + "&start=900&end=1100").status()).isEqualTo(HttpStatus.OK);
    } finally {
      slow.stop().join();
    }
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
