package dev.floe.ingest;

import static dev.floe.ingest.PushRequests.lokiEntry;
import static dev.floe.ingest.PushRequests.lokiPush;
import static dev.floe.ingest.PushRequests.lokiStream;
import static dev.floe.ingest.PushRequests.snappy;
import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.server.Server;
import dev.floe.otlp.Fingerprints;
import dev.floe.schema.Signal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loki's push API ({@code POST /loki/api/v1/push}) as Promtail, Alloy and Fluent Bit call it:
 * snappy-compressed protobuf and JSON bodies posted over real HTTP, read back from the WAL. Expected
 * values follow Loki's documented semantics: pushed labels are the stream, {@code service_name} is
 * discovered from well-known labels, invalid entries get 400 and the valid ones are kept.
 */
@Timeout(60)
class LokiPushTest {
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";
  private static final AtomicInteger TENANTS = new AtomicInteger();

  @TempDir static Path dir;
  private static IngestFixture ingest;
  private final OtlpHttp http = new OtlpHttp();

  @BeforeAll
  static void start() {
    ingest = IngestFixture.local(dir).start();
  }

  @AfterAll
  static void stop() {
    ingest.close();
  }

  /** A tenant of its own for each test, so that tests sharing the service see only their rows. */
  private static String tenant() {
    return "loki-" + TENANTS.incrementAndGet();
  }

  private static long nowNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  private OtlpHttp.Response push(String tenant, String contentType, byte[] body, String... headers) throws IOException {
    return push(ingest.http("/loki/api/v1/push"), tenant, contentType, body, headers);
  }

  private OtlpHttp.Response push(URI uri, String tenant, String contentType, byte[] body, String... headers)
      throws IOException {
    String[] all = new String[headers.length + 2];
    all[0] = OtlpHttp.TENANT_HEADER;
    all[1] = tenant;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return http.post(uri, contentType, body, all);
  }

  /** The tenant's log rows, oldest first. */
  private static List<Record> rows(String tenant) {
    return ingest.wal().rows(Signal.LOGS).stream()
        .filter(row -> tenant.equals(row.getField("tenant_id")))
        .sorted(Comparator.comparing((Record row) -> (Long) row.getField("timestamp"))
            .thenComparing(row -> (Integer) row.getField("timestamp_nanos")))
        .toList();
  }

  @Test
  void snappyProtobufPushIsStoredEntryByEntry() throws IOException {
    String tenant = tenant();
    long t1 = nowNanos() - 5_000_000_000L + 123;
    long t2 = t1 + 1_000_000_001L;
    long before = nowNanos();
    byte[] body =
        lokiPush(
            lokiStream("{job=\"varlogs\", filename=\"/var/log/syslog\"}",
                lokiEntry(t1, "first line"),
                lokiEntry(t2, "second line", "trace_id", "0af7651916cd43dd8448eb211c80319c", "user", "alice")));

    OtlpHttp.Response response = push(tenant, PROTOBUF, snappy(body));

    assertThat(response.status()).as(response.toString()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    List<Record> rows = rows(tenant);
    assertThat(rows).hasSize(2);
    // Loki sorts a stream's labels and adds service_name, here discovered from job.
    String labels = "{filename=\"/var/log/syslog\", job=\"varlogs\", service_name=\"varlogs\"}";
    Record first = rows.get(0);
    assertThat(first.getField("stream_labels")).isEqualTo(labels);
    assertThat(first.getField("stream_fingerprint")).isEqualTo(Fingerprints.fnv1a64(labels));
    assertThat(first.getField("service_name")).isEqualTo("varlogs");
    assertThat(first.getField("body")).isEqualTo("first line");
    assertThat(first.getField("timestamp")).isEqualTo(micros(t1));
    assertThat(first.getField("timestamp_nanos")).isEqualTo(123);
    assertThat((Map<?, ?>) first.getField("attributes")).isEmpty();
    assertThat((Long) first.getField("observed_timestamp")).isBetween(micros(before), micros(nowNanos()));
    Record second = rows.get(1);
    assertThat(second.getField("body")).isEqualTo("second line");
    assertThat(second.getField("timestamp")).isEqualTo(micros(t2));
    assertThat(second.getField("timestamp_nanos")).isEqualTo(124);
    assertThat(second.getField("stream_labels")).isEqualTo(labels);
    assertThat((Map<?, ?>) second.getField("attributes"))
        .isEqualTo(Map.of("trace_id", "0af7651916cd43dd8448eb211c80319c", "user", "alice"));
    assertThat(second.getField("severity_number")).isNull();
    assertThat(second.getField("trace_id")).isNull();
  }

  @Test
  void serviceNameIsDiscoveredAsLokiDoes() throws IOException {
    String tenant = tenant();
    long t = nowNanos();
    byte[] body =
        lokiPush(
            lokiStream("{service_name=\"own\", app=\"ignored\"}", lokiEntry(t, "a")),
            lokiStream("{app=\"shop\", service=\"checkout\"}", lokiEntry(t + 1, "b")),
            lokiStream("{namespace=\"prod\", container=\"nginx\", job=\"kube/nginx\"}", lokiEntry(t + 2, "c")),
            lokiStream("{env=\"dev\"}", lokiEntry(t + 3, "d")));

    assertThat(push(tenant, PROTOBUF, snappy(body)).status()).isEqualTo(204);

    List<Record> rows = rows(tenant);
    assertThat(rows).extracting(row -> row.getField("service_name"))
        .containsExactly("own", "checkout", "nginx", "unknown_service");
    assertThat(rows).extracting(row -> row.getField("stream_labels"))
        .containsExactly(
            "{app=\"ignored\", service_name=\"own\"}",
            "{app=\"shop\", service=\"checkout\", service_name=\"checkout\"}",
            "{container=\"nginx\", job=\"kube/nginx\", namespace=\"prod\", service_name=\"nginx\"}",
            "{env=\"dev\", service_name=\"unknown_service\"}");
  }

  @Test
  void gzippedJsonPushWithStructuredMetadataIsStored() throws IOException {
    String tenant = tenant();
    long t = nowNanos() - 1_000;
    String json =
        """
        {"streams": [{"stream": {"app": "web", "level": "info"},
          "values": [["%d", "GET /index.html 200"], ["%d", "GET /missing 404", {"status": "404", "path": "/missing"}]]}]}
        """.formatted(t, t + 1);

    OtlpHttp.Response response =
        push(tenant, JSON, OtlpRequests.gzip(json.getBytes(StandardCharsets.UTF_8)), "Content-Encoding", "gzip");

    assertThat(response.status()).as(response.toString()).isEqualTo(204);
    List<Record> rows = rows(tenant);
    assertThat(rows).extracting(row -> row.getField("body")).containsExactly("GET /index.html 200", "GET /missing 404");
    assertThat(rows.get(0).getField("stream_labels")).isEqualTo("{app=\"web\", level=\"info\", service_name=\"web\"}");
    assertThat((Map<?, ?>) rows.get(1).getField("attributes")).isEqualTo(Map.of("status", "404", "path", "/missing"));
    assertThat(rows.get(1).getField("timestamp_nanos")).isEqualTo((int) Math.floorMod(t + 1, 1000L));
  }

  @Test
  void invalidEntriesGet400WithLokisMessageAndTheValidOnesAreKept() throws IOException {
    String tenant = tenant();
    long now = nowNanos();
    long twoWeeksAgo = now - Duration.ofDays(14).toNanos();
    long inAnHour = now + Duration.ofHours(1).toNanos();
    byte[] body =
        lokiPush(
            lokiStream("{job=\"ok\"}",
                lokiEntry(now, "kept"),
                lokiEntry(twoWeeksAgo, "too old"),
                lokiEntry(inAnHour, "too new"),
                lokiEntry(now, "x".repeat(256 * 1024 + 1))),
            lokiStream("{job=varlogs}", lokiEntry(now, "bad labels")),
            lokiStream("{}", lokiEntry(now, "no labels")));

    OtlpHttp.Response response = push(tenant, PROTOBUF, snappy(body));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("text/plain");
    assertThat(response.text())
        .contains("entry for stream '{job=\"ok\", service_name=\"ok\"}' has timestamp too old")
        .contains("5 entries rejected");
    assertThat(rows(tenant)).extracting(row -> row.getField("body")).containsExactly("kept");
  }

  @Test
  void eachKindOfInvalidEntryIsNamedInLokisWords() throws IOException {
    long now = nowNanos();
    assertThat(singleEntryError("{job=\"a\"}", now + Duration.ofHours(1).toNanos(), "x"))
        .startsWith("entry for stream '{job=\"a\", service_name=\"a\"}' has timestamp too new: ");
    assertThat(singleEntryError("{job=\"a\"}", now, "x".repeat(256 * 1024 + 1)))
        .startsWith("max entry size '262144' bytes exceeded for stream '{job=\"a\", service_name=\"a\"}'"
            + " while adding an entry with length '262145' bytes");
    assertThat(singleEntryError("{job=varlogs}", now, "x")).startsWith("Error parsing labels '{job=varlogs}' with error: ");
    assertThat(singleEntryError("{a=\"1\", a=\"2\"}", now, "x")).contains("duplicate label name: 'a'");
    assertThat(singleEntryError("{}", now, "x")).startsWith("error at least one label pair is required per stream");
  }

  private String singleEntryError(String labels, long time, String line) throws IOException {
    String tenant = tenant();
    OtlpHttp.Response response = push(tenant, PROTOBUF, snappy(lokiPush(lokiStream(labels, lokiEntry(time, line)))));
    assertThat(response.status()).isEqualTo(400);
    assertThat(rows(tenant)).isEmpty();
    return response.text();
  }

  @Test
  void undecodableBodiesGet400AndWriteNothing() throws IOException {
    String tenant = tenant();
    byte[] valid = lokiPush(lokiStream("{job=\"a\"}", lokiEntry(nowNanos(), "x")));

    OtlpHttp.Response notSnappy = push(tenant, PROTOBUF, valid);
    // A length-delimited field that claims 5 bytes and has 1, validly snappy-compressed.
    OtlpHttp.Response badProtobuf = push(tenant, PROTOBUF, snappy(new byte[] {0x0a, 0x05, 0x01}));
    OtlpHttp.Response badJson = push(tenant, JSON, "{\"streams\": [{".getBytes(StandardCharsets.UTF_8));
    OtlpHttp.Response badGzip = push(tenant, JSON, "{}".getBytes(StandardCharsets.UTF_8), "Content-Encoding", "gzip");

    assertThat(notSnappy.status()).isEqualTo(400);
    assertThat(notSnappy.text()).containsIgnoringCase("snappy");
    assertThat(badProtobuf.status()).isEqualTo(400);
    assertThat(badProtobuf.text()).contains("malformed protobuf");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.text()).contains("malformed JSON");
    assertThat(badGzip.status()).isEqualTo(400);
    assertThat(badGzip.text()).contains("gzip");
    assertThat(rows(tenant)).isEmpty();
  }

  @Test
  void wrongContentTypeOrEncodingIs415AndAnInvalidTenant400() throws IOException {
    byte[] body = snappy(lokiPush(lokiStream("{job=\"a\"}", lokiEntry(nowNanos(), "x"))));

    OtlpHttp.Response text = push(tenant(), "text/plain", body);
    OtlpHttp.Response brotli = push(tenant(), PROTOBUF, body, "Content-Encoding", "br");
    OtlpHttp.Response badTenant = push("a/b", PROTOBUF, body);

    assertThat(text.status()).isEqualTo(415);
    assertThat(text.text()).contains("Content-Type 'text/plain'");
    assertThat(brotli.status()).isEqualTo(415);
    assertThat(brotli.text()).contains("Content-Encoding 'br'");
    assertThat(badTenant.status()).isEqualTo(400);
    assertThat(badTenant.text()).contains("a/b");
  }

  @Test
  void aFullBufferIs429WithRetryAfter(@TempDir Path otherDir) throws IOException {
    try (IngestFixture small = IngestFixture.local(otherDir).maxBufferedBytes(1024).start()) {
      byte[] body = snappy(lokiPush(lokiStream("{job=\"a\"}", lokiEntry(nowNanos(), "x".repeat(4096)))));

      OtlpHttp.Response response = push(small.http("/loki/api/v1/push"), tenant(), PROTOBUF, body);

      assertThat(response.status()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(response.text()).contains("ingest buffer is full");
      assertThat(small.wal().rows(Signal.LOGS)).isEmpty();
    }
  }

  @Test
  void theRoutesServeTheSameWalWhenMountedOnAnotherServer() throws IOException {
    Server other =
        ingest.pushRoutes().addTo(Server.builder().http(new InetSocketAddress("127.0.0.1", 0))).build();
    other.start().join();
    try {
      String tenant = tenant();
      URI uri = URI.create("http://127.0.0.1:" + other.activeLocalPort() + "/loki/api/v1/push");
      OtlpHttp.Response response =
          push(uri, tenant, PROTOBUF, snappy(lokiPush(lokiStream("{job=\"other\"}", lokiEntry(nowNanos(), "via 3100")))));

      assertThat(response.status()).as(response.toString()).isEqualTo(204);
      assertThat(rows(tenant)).extracting(row -> row.getField("body")).containsExactly("via 3100");
    } finally {
      other.stop().join();
    }
  }

  /** The timestamptz column value (Unix microseconds) of a nanosecond time. */
  private static long micros(long unixNanos) {
    return Math.floorDiv(unixNanos, 1000L);
  }
}
