package dev.floe.ingest;

import static dev.floe.ingest.OtlpRequests.log;
import static dev.floe.ingest.OtlpRequests.logAged;
import static dev.floe.ingest.OtlpRequests.logWithTraceId;
import static dev.floe.ingest.OtlpRequests.logs;
import static dev.floe.ingest.OtlpRequests.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.floe.schema.Signal;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input gets a clear error naming the problem, and loses nothing else: malformed bodies, wrong
 * media types, oversized and gzip-bomb bodies, invalid tenants and invalid records, over HTTP and gRPC.
 */
class BadInputTest {
  private static final long MAX_REQUEST_BYTES = 256 * 1024;
  private static final long MAX_DECOMPRESSED_BYTES = 1024 * 1024;
  private static final String TENANT = "bad-input";
  private static final int INVALID_ARGUMENT = Status.Code.INVALID_ARGUMENT.value();
  private static final AtomicInteger IDS = new AtomicInteger();

  @TempDir static Path dir;
  private static IngestFixture ingest;
  private static OtlpGrpc grpc;
  private final OtlpHttp http = new OtlpHttp();

  @BeforeAll
  static void start() {
    ingest =
        IngestFixture.local(dir).maxRequestBytes(MAX_REQUEST_BYTES).maxDecompressedBytes(MAX_DECOMPRESSED_BYTES).start();
    grpc = new OtlpGrpc(ingest.grpcPort());
  }

  @AfterAll
  static void stop() {
    grpc.close();
    ingest.close();
  }

  /** A unique log body, so that a test can look for its records in the shared WAL. */
  private static String id(String what) {
    return what + "-" + IDS.incrementAndGet();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/logs", "/v1/traces", "/v1/metrics"})
  void malformedProtobufIs400NamingProtobuf(String path) throws IOException {
    // A length-delimited field that claims 5 bytes and has 1.
    OtlpHttp.Response response = http.post(ingest.http(path), OtlpHttp.PROTOBUF, new byte[] {0x0a, 0x05, 0x01});
    assertRefused(response, 400, "malformed protobuf");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/logs", "/v1/traces", "/v1/metrics"})
  void malformedJsonIs400NamingJson(String path) throws IOException {
    OtlpHttp.Response response =
        http.post(ingest.http(path), OtlpHttp.JSON, "{\"resourceLogs\":[{".getBytes(StandardCharsets.UTF_8));
    assertRefused(response, 400, "malformed JSON");
    assertThat(response.contentType()).startsWith(OtlpHttp.JSON);
  }

  @Test
  void hexIdOfTheWrongLengthInJsonIs400NamingTheField() throws IOException {
    String json =
        """
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"0102030405","body":{"stringValue":"x"}}]}]}]}
        """;
    OtlpHttp.Response response = http.post(ingest.http("/v1/logs"), OtlpHttp.JSON, json.getBytes(StandardCharsets.UTF_8));
    assertRefused(response, 400, "traceId must be 32 hex characters");
  }

  @Test
  void invalidUtf8Is400() throws IOException {
    String marker = "MARKER-" + IDS.incrementAndGet();
    byte[] body = logs(log(marker)).toByteArray();
    // Same length, so the protobuf framing stays valid: only the string's bytes are broken.
    byte[] invalid = new byte[marker.length()];
    Arrays.fill(invalid, (byte) 0xff);
    byte[] broken = replace(body, marker.getBytes(StandardCharsets.US_ASCII), invalid);
    OtlpHttp.Response response = http.post(ingest.http("/v1/logs"), OtlpHttp.PROTOBUF, broken);
    assertRefused(response, 400, "UTF-8");
  }

  @Test
  void wrongContentTypeIs415() throws IOException {
    OtlpHttp.Response response =
        http.post(ingest.http("/v1/logs"), "text/plain", logs(log(id("text"))).toByteArray());
    assertThat(response.status()).isEqualTo(415);
    assertThat(response.text()).contains("Content-Type", "text/plain");
  }

  @Test
  void unsupportedContentEncodingIs415() throws IOException {
    OtlpHttp.Response response =
        http.post(
            ingest.http("/v1/logs"), OtlpHttp.PROTOBUF, logs(log(id("brotli"))).toByteArray(), "Content-Encoding", "br");
    assertRefused(response, 415, "Content-Encoding 'br'");
  }

  @Test
  void bodyOverTheRequestLimitIs413() throws IOException {
    String body = id("oversized");
    List<LogRecord> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(log(body + "-" + "x".repeat(100_000)));
    }
    byte[] request = logs(records.toArray(LogRecord[]::new)).toByteArray();
    assertThat((long) request.length).isGreaterThan(MAX_REQUEST_BYTES);

    OtlpHttp.Response response = http.post(ingest.http("/v1/logs"), OtlpHttp.PROTOBUF, request);
    assertRefused(response, 413, "request body exceeds the limit of " + MAX_REQUEST_BYTES + " bytes");
    assertThat(ingest.wal().logBodies()).noneMatch(stored -> stored.startsWith(body));
  }

  @Test
  void gzipBombIs413() throws IOException {
    byte[] bomb = gzippedZeros(100L << 20);
    assertThat(bomb.length).as("the bomb is small").isLessThan(200 * 1024);

    OtlpHttp.Response response =
        http.post(ingest.http("/v1/logs"), OtlpHttp.PROTOBUF, bomb, "Content-Encoding", "gzip");

    // Refused by the limit on the decompressed body, so the 100 MB are never inflated in memory.
    assertRefused(response, 413, "decompressed request body exceeds the limit of " + MAX_DECOMPRESSED_BYTES);
    // The service is still fine.
    assertAccepted(http.postProtobuf(ingest.http("/v1/logs"), logs(log(id("after-bomb"))), TENANT));
  }

  static Stream<String> invalidTenants() {
    return Stream.of("a/b", "a|b", "t".repeat(151), "", "..");
  }

  @ParameterizedTest
  @MethodSource("invalidTenants")
  void invalidTenantIs400NamingTheHeader(String tenant) {
    String body = id("tenant");
    OtlpHttp.Response response = http.postProtobuf(ingest.http("/v1/logs"), logs(log(body)), tenant);
    assertRefused(response, 400, "X-Scope-OrgID");
    assertThat(ingest.wal().logBodies()).doesNotContain(body);
  }

  @ParameterizedTest
  @MethodSource("invalidTenants")
  void invalidTenantOverGrpcIsInvalidArgument(String tenant) {
    String body = id("grpc-tenant");
    assertThatThrownBy(() -> grpc.logs(tenant).export(logs(log(body))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("X-Scope-OrgID");
            });
    assertThat(ingest.wal().logBodies()).doesNotContain(body);
  }

  static Stream<Arguments> badLogRecords() {
    return Stream.of(
        arguments("trace id of 5 bytes", logWithTraceId(id("bad"), 5), "trace_id must be 16 bytes, got 5"),
        arguments(
            "span id of 5 bytes", log(id("bad")).toBuilder().setSpanId(randomBytes(5)).build(), "span_id must be 8 bytes, got 5"),
        arguments("30 days old", logAged(id("bad"), Duration.ofDays(30)), "is more than 7d before the receive time"),
        arguments("1 day ahead", logAged(id("bad"), Duration.ofDays(-1)), "is more than 10m after the receive time"),
        arguments("1100 attributes", withAttributes(log(id("bad")), 1100), "more than the limit of 1024"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLogRecords")
  void requestWhoseRecordsAreAllBadIs400NamingTheProblem(String what, LogRecord bad, String problem) {
    ExportLogsServiceRequest request = logs(bad, bad);

    OtlpHttp.Response response = http.postProtobuf(ingest.http("/v1/logs"), request, TENANT);
    assertRefused(response, 400, problem);
    assertThat(response.error().getMessage()).contains("(and 1 more rejected records)");

    assertThatThrownBy(() -> grpc.logs(TENANT).export(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains(problem);
            });
    assertThat(ingest.wal().logBodies()).doesNotContain(bad.getBody().getStringValue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLogRecords")
  void badRecordsAreRejectedWithPartialSuccessAndTheRestIsKept(String what, LogRecord bad, String problem) {
    String goodOverHttp = id("good");
    OtlpHttp.Response response =
        http.postProtobuf(ingest.http("/v1/logs"), logs(log(goodOverHttp), bad), TENANT);
    assertAccepted(response);
    ExportLogsServiceResponse httpAnswer = response.logsResponse();
    assertThat(httpAnswer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(httpAnswer.getPartialSuccess().getErrorMessage()).contains("log record 1 of scope 0", problem);

    String goodOverGrpc = id("good");
    ExportLogsServiceResponse grpcAnswer = grpc.logs(TENANT).export(logs(bad, log(goodOverGrpc)));
    assertThat(grpcAnswer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(grpcAnswer.getPartialSuccess().getErrorMessage()).contains("log record 0 of scope 0", problem);

    List<Record> rows = ingest.wal().rows(Signal.LOGS);
    assertThat(rows.stream().map(row -> row.getField("body")))
        .containsOnlyOnce(goodOverHttp, goodOverGrpc)
        .doesNotContain(bad.getBody().getStringValue());
    assertThat(rows.stream().filter(row -> goodOverHttp.equals(row.getField("body"))).findFirst().orElseThrow().getField("tenant_id"))
        .isEqualTo(TENANT);
  }

  @Test
  void badSpansAreRejectedAndGoodOnesKept() {
    String good = id("span");
    String bad = id("span");
    var badSpan = OtlpRequests.span(bad).toBuilder().setSpanId(randomBytes(5)).build();

    OtlpHttp.Response partial =
        http.postProtobuf(ingest.http("/v1/traces"), OtlpRequests.traces(OtlpRequests.span(good), badSpan), TENANT);
    assertAccepted(partial);
    ExportTraceServiceResponse answer = partial.decode(ExportTraceServiceResponse.getDefaultInstance());
    assertThat(answer.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(answer.getPartialSuccess().getErrorMessage()).contains("span 1 of scope 0", "span_id must be 8 bytes, got 5");

    assertRefused(
        http.postProtobuf(ingest.http("/v1/traces"), OtlpRequests.traces(badSpan), TENANT), 400, "span_id must be 8 bytes");
    assertThatThrownBy(() -> grpc.traces(TENANT).export(OtlpRequests.traces(badSpan)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));

    assertThat(ingest.wal().rows(Signal.SPANS).stream().map(row -> row.getField("name")))
        .containsOnlyOnce(good)
        .doesNotContain(bad);
  }

  @Test
  void badDataPointsAreRejectedAndGoodOnesKept() {
    String good = id("metric");
    String bad = id("metric");
    long now = OtlpRequests.nowNanos();
    var old = OtlpRequests.gauge(bad, 1.0, now - Duration.ofDays(30).toNanos());

    OtlpHttp.Response partial =
        http.postProtobuf(ingest.http("/v1/metrics"), OtlpRequests.metrics(OtlpRequests.gauge(good, 2.0, now), old), TENANT);
    assertAccepted(partial);
    ExportMetricsServiceResponse answer = partial.decode(ExportMetricsServiceResponse.getDefaultInstance());
    assertThat(answer.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(answer.getPartialSuccess().getErrorMessage()).contains("metric 1 '" + bad + "'", "time_unix_nano");

    assertRefused(http.postProtobuf(ingest.http("/v1/metrics"), OtlpRequests.metrics(old), TENANT), 400, "time_unix_nano");

    assertThat(ingest.wal().rows(Signal.METRICS).stream().map(row -> row.getField("metric_name")))
        .containsOnlyOnce(good)
        .doesNotContain(bad);
  }

  @Test
  @Timeout(300)
  void badRequestsDoNotHarmConcurrentGoodOnes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    AtomicBoolean goodDone = new AtomicBoolean();
    AtomicInteger badSent = new AtomicInteger();
    List<String> keptFromPartial = Collections.synchronizedList(new ArrayList<>());
    try {
      Future<Integer> bad = pool.submit(() -> sendBadRequestsUntil(goodDone, badSent, keptFromPartial));
      Future<List<String>> overHttp = pool.submit(() -> sendGood(30, badSent, this::postGoodOverHttp));
      Future<List<String>> overGrpc = pool.submit(() -> sendGood(30, badSent, BadInputTest::exportGoodOverGrpc));
      List<String> good = new ArrayList<>(overHttp.get(240, TimeUnit.SECONDS));
      good.addAll(overGrpc.get(240, TimeUnit.SECONDS));
      goodDone.set(true);
      // Each good request followed a bad one sent after the sender's previous good one: they interleave.
      assertThat(bad.get(60, TimeUnit.SECONDS)).as("bad requests sent meanwhile").isGreaterThanOrEqualTo(30);

      List<String> stored = ingest.wal().logBodies();
      good.addAll(keptFromPartial);
      assertThat(stored).containsAll(good);
      assertThat(good).allSatisfy(body -> assertThat(Collections.frequency(stored, body)).as(body).isEqualTo(1));
    } finally {
      goodDone.set(true);
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void adminEndpointsReportHealthAndRequestOutcomes() throws IOException {
    assertAccepted(http.postProtobuf(ingest.http("/v1/traces"), OtlpRequests.traces(OtlpRequests.span(id("counted"))), TENANT));
    assertRefused(http.post(ingest.http("/v1/traces"), OtlpHttp.PROTOBUF, new byte[] {0x0a, 0x05, 0x01}), 400, "protobuf");
    assertRefused(
        http.post(ingest.http("/v1/metrics"), OtlpHttp.PROTOBUF, gzippedZeros(4 * MAX_DECOMPRESSED_BYTES), "Content-Encoding", "gzip"),
        413,
        "decompressed");

    assertThat(http.get(ingest.admin("/live")).status()).isEqualTo(200);
    assertThat(http.get(ingest.admin("/ready")).status()).isEqualTo(200);
    OtlpHttp.Response metrics = http.get(ingest.admin("/metrics"));
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text())
        .containsPattern(requestCount("ok", "traces"))
        .containsPattern(requestCount("invalid", "traces"))
        .containsPattern(requestCount("too_large", "metrics"));
  }

  /** A Prometheus sample line of the request counter with a positive count. */
  private static String requestCount(String outcome, String signal) {
    return "floe_ingest_requests_total\\{outcome=\"" + outcome + "\",signal=\"" + signal + "\",transport=\"http\"} [1-9]";
  }

  /** Rotates through kinds of bad requests, checking each answer, until the good senders are done. */
  private int sendBadRequestsUntil(AtomicBoolean done, AtomicInteger counter, List<String> keptFromPartial)
      throws IOException {
    byte[] bomb = gzippedZeros(4 * MAX_DECOMPRESSED_BYTES);
    int sent = 0;
    while (!done.get()) {
      switch (sent % 5) {
        case 0 -> assertRefused(http.post(ingest.http("/v1/logs"), OtlpHttp.PROTOBUF, new byte[] {0x0a, 0x05}), 400, "protobuf");
        case 1 -> assertRefused(http.postProtobuf(ingest.http("/v1/logs"), logs(log(id("x"))), "a/b"), 400, "X-Scope-OrgID");
        case 2 -> assertRefused(
            http.postProtobuf(ingest.http("/v1/logs"), logs(logWithTraceId(id("bad"), 5)), TENANT), 400, "trace_id");
        case 3 -> {
          String kept = id("partial-good");
          OtlpHttp.Response response =
              http.postProtobuf(ingest.http("/v1/logs"), logs(logAged(id("bad"), Duration.ofDays(30)), log(kept)), TENANT);
          assertAccepted(response);
          assertThat(response.logsResponse().getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
          keptFromPartial.add(kept);
        }
        default -> assertRefused(
            http.post(ingest.http("/v1/logs"), OtlpHttp.PROTOBUF, bomb, "Content-Encoding", "gzip"), 413, "decompressed");
      }
      sent++;
      counter.incrementAndGet();
    }
    return sent;
  }

  /** Sends good requests, each only once another bad one was sent since the previous. */
  private static List<String> sendGood(int requests, AtomicInteger badSent, GoodSender sender) throws Exception {
    List<String> sent = new ArrayList<>();
    int seenBad = 0;
    for (int r = 0; r < requests; r++) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (badSent.get() <= seenBad) {
        assertThat(System.nanoTime()).as("a bad request sent within 60 s").isLessThan(deadline);
        Thread.sleep(1);
      }
      seenBad = badSent.get();
      List<String> bodies = IntStream.range(0, 5).mapToObj(i -> id("concurrent-good")).toList();
      sender.send(logs(bodies));
      sent.addAll(bodies);
    }
    return sent;
  }

  private void postGoodOverHttp(ExportLogsServiceRequest request) {
    OtlpHttp.Response response = http.postProtobuf(ingest.http("/v1/logs"), request, TENANT);
    assertAccepted(response);
    assertThat(response.logsResponse().hasPartialSuccess()).isFalse();
  }

  private static void exportGoodOverGrpc(ExportLogsServiceRequest request) {
    assertThat(grpc.logs(TENANT).export(request).hasPartialSuccess()).isFalse();
  }

  @FunctionalInterface
  private interface GoodSender {
    void send(ExportLogsServiceRequest request) throws Exception;
  }

  private static void assertAccepted(OtlpHttp.Response response) {
    assertThat(response.status()).as("%s", response).isEqualTo(200);
  }

  /** The status, and a {@code google.rpc.Status} body with INVALID_ARGUMENT and a message naming the problem. */
  private static void assertRefused(OtlpHttp.Response response, int status, String messagePart) {
    assertThat(response.status()).as("%s", response).isEqualTo(status);
    com.google.rpc.Status error = response.error();
    assertThat(error.getCode()).isEqualTo(INVALID_ARGUMENT);
    assertThat(error.getMessage()).contains(messagePart);
  }

  private static LogRecord withAttributes(LogRecord record, int count) {
    LogRecord.Builder builder = record.toBuilder();
    for (int i = 0; i < count; i++) {
      builder.addAttributes(KeyValue.newBuilder().setKey("k" + i).setValue(AnyValue.newBuilder().setIntValue(i)));
    }
    return builder.build();
  }

  /** Gzip of {@code size} zero bytes, compressed as a stream without holding them. */
  private static byte[] gzippedZeros(long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
      for (long written = 0; written < size; written += zeros.length) {
        gzip.write(zeros);
      }
    }
    return out.toByteArray();
  }

  private static byte[] replace(byte[] data, byte[] target, byte[] replacement) {
    for (int i = 0; i + target.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + target.length, target, 0, target.length)) {
        byte[] result = data.clone();
        System.arraycopy(replacement, 0, result, i, replacement.length);
        return result;
      }
    }
    throw new IllegalArgumentException("target not found");
  }
}
