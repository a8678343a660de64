package dev.floe.ingest;

import static dev.floe.ingest.PushRequests.message;
import static dev.floe.ingest.PushRequests.metadata;
import static dev.floe.ingest.PushRequests.sample;
import static dev.floe.ingest.PushRequests.series;
import static dev.floe.ingest.PushRequests.snappy;
import static dev.floe.ingest.PushRequests.writeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.otlp.Fingerprints;
import dev.floe.schema.Signal;
import dev.floe.store.ForwardingStore;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus remote write 1.0 ({@code POST /api/v1/write}) as Prometheus servers and agents send it:
 * snappy-compressed {@code prometheus.WriteRequest} over real HTTP, read back from the WAL. Expected
 * values follow the remote write specification: labels are the series identity, 204 on success, 400
 * (not retried) for bad data, with the valid samples of the request kept.
 */
@Timeout(60)
class RemoteWriteTest {
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String[] PROMETHEUS_HEADERS = {
    "Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", "0.1.0"
  };
  private static final long STALE_NAN_BITS = 0x7ff0000000000002L;
  private static final int COUNTER = 1;
  private static final int HISTOGRAM = 4;
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

  private static String tenant() {
    return "prom-" + TENANTS.incrementAndGet();
  }

  private static long nowMillis() {
    return System.currentTimeMillis();
  }

  private OtlpHttp.Response write(String tenant, byte[] request) throws IOException {
    return post(tenant, PROTOBUF, snappy(request), PROMETHEUS_HEADERS);
  }

  private OtlpHttp.Response post(String tenant, String contentType, byte[] body, String... headers) throws IOException {
    String[] all = new String[headers.length + 2];
    all[0] = OtlpHttp.TENANT_HEADER;
    all[1] = tenant;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return http.post(ingest.http("/api/v1/write"), contentType, body, all);
  }

  /** The tenant's metric rows by series, then time. */
  private static List<Record> rows(String tenant) {
    return ingest.wal().rows(Signal.METRICS).stream()
        .filter(row -> tenant.equals(row.getField("tenant_id")))
        .sorted(Comparator.comparing((Record row) -> (String) row.getField("series_labels"))
            .thenComparing(row -> (Long) row.getField("timestamp")))
        .toList();
  }

  @Test
  void samplesBecomeRowsWithTheirLabelsVerbatim() throws IOException {
    String tenant = tenant();
    long t = nowMillis() - 30_000;
    byte[] request =
        message()
            .message(1, series("__name__", "http_requests_total", "job", "api", "method", "GET", "empty", "")
                .message(2, sample(1027, t))
                .message(2, sample(1031.5, t + 15_000)))
            .message(1, series("__name__", "rpc_duration_seconds_bucket", "le", "0.5", "instance", "host:9100")
                .message(2, sample(7, t)))
            .message(3, metadata(COUNTER, "http_requests_total", "Requests served.", ""))
            .message(3, metadata(HISTOGRAM, "rpc_duration_seconds", "RPC latency.", "seconds"))
            .bytes();

    OtlpHttp.Response response = write(tenant, request);

    assertThat(response.status()).as(response.toString()).isEqualTo(204);
    List<Record> rows = rows(tenant);
    assertThat(rows).hasSize(3);
    // A label with an empty value is the same as no label in Prometheus.
    String requests = "{__name__=\"http_requests_total\", job=\"api\", method=\"GET\"}";
    Record first = rows.get(0);
    assertThat(first.getField("series_labels")).isEqualTo(requests);
    assertThat(first.getField("series_fingerprint")).isEqualTo(Fingerprints.fnv1a64(requests));
    assertThat(first.getField("metric_name")).isEqualTo("http_requests_total");
    assertThat(first.getField("metric_type")).isEqualTo("prometheus");
    assertThat(first.getField("value_double")).isEqualTo(1027.0);
    assertThat(first.getField("value_int")).isNull();
    assertThat(first.getField("timestamp")).isEqualTo(t * 1000);
    assertThat(first.getField("timestamp_nanos")).isEqualTo(0);
    assertThat(first.getField("service_name")).isEqualTo("api");
    assertThat(first.getField("description")).isEqualTo("Requests served.");
    assertThat(first.getField("unit")).isNull();
    assertThat((Map<?, ?>) first.getField("metadata")).isEqualTo(Map.of("type", "counter"));
    assertThat((Map<?, ?>) first.getField("attributes")).isEqualTo(Map.of("job", "api", "method", "GET"));
    assertThat(first.getField("flags")).isEqualTo(0);
    assertThat(rows.get(1).getField("value_double")).isEqualTo(1031.5);
    assertThat(rows.get(1).getField("timestamp")).isEqualTo((t + 15_000) * 1000);
    Record bucket = rows.get(2);
    assertThat(bucket.getField("series_labels"))
        .isEqualTo("{__name__=\"rpc_duration_seconds_bucket\", instance=\"host:9100\", le=\"0.5\"}");
    assertThat(bucket.getField("service_name")).isEqualTo("unknown_service");
    // The family's metadata applies to its _bucket series.
    assertThat(bucket.getField("description")).isEqualTo("RPC latency.");
    assertThat(bucket.getField("unit")).isEqualTo("seconds");
    assertThat((Map<?, ?>) bucket.getField("metadata")).isEqualTo(Map.of("type", "histogram"));
  }

  @Test
  void staleMarkersAreFlaggedAsNoRecordedValue() throws IOException {
    String tenant = tenant();
    long t = nowMillis();
    byte[] request =
        writeRequest(
            series("__name__", "up", "job", "node")
                .message(2, sample(1, t - 1000))
                .message(2, sample(Double.longBitsToDouble(STALE_NAN_BITS), t)));

    assertThat(write(tenant, request).status()).isEqualTo(204);

    List<Record> rows = rows(tenant);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getField("flags")).isEqualTo(0);
    Record stale = rows.get(1);
    // Parquet writes every NaN as the canonical one, so the flag is what marks the sample stale.
    assertThat((Double) stale.getField("value_double")).isNaN();
    assertThat(stale.getField("flags")).isEqualTo(1);
  }

  @Test
  void integerNativeHistogramsFillTheExponentialHistogramColumns() throws IOException {
    String tenant = tenant();
    long t = nowMillis();
    // Schema 0 (base 2). Positive spans [0, 2) and [3, 4): deltas 2, +1, -2 are counts 2, 3 and 1
    // in Prometheus buckets 0, 1 and 3, bucket i being (2^(i-1), 2^i].
    PushRequests.Message histogram =
        message()
            .uint64(1, 11)
            .double64(3, 42.5)
            .sint32(4, 0)
            .double64(5, 0.001)
            .uint64(6, 1)
            .message(8, message().sint32(1, 1).uint32(2, 1))
            .packedSint64(9, 4)
            .message(11, message().sint32(1, 0).uint32(2, 2))
            .message(11, message().sint32(1, 1).uint32(2, 1))
            .packedSint64(12, 2, 1, -2)
            .int64(15, t);

    OtlpHttp.Response response =
        write(tenant, writeRequest(series("__name__", "rpc_latency_seconds", "job", "rpc").message(4, histogram)));

    assertThat(response.status()).as(response.toString()).isEqualTo(204);
    List<Record> rows = rows(tenant);
    assertThat(rows).hasSize(1);
    Record row = rows.get(0);
    assertThat(row.getField("metric_type")).isEqualTo("prometheus_histogram");
    assertThat(row.getField("count")).isEqualTo(11L);
    assertThat(row.getField("sum")).isEqualTo(42.5);
    assertThat(row.getField("scale")).isEqualTo(0);
    assertThat(row.getField("zero_count")).isEqualTo(1L);
    assertThat(row.getField("zero_threshold")).isEqualTo(0.001);
    // OTLP bucket k is (2^k, 2^(k+1)]: Prometheus bucket 0 is OTLP bucket -1.
    assertThat(row.getField("positive_offset")).isEqualTo(-1);
    assertThat((List<?>) row.getField("positive_bucket_counts")).isEqualTo(List.of(2L, 3L, 0L, 1L));
    assertThat(row.getField("negative_offset")).isEqualTo(0);
    assertThat((List<?>) row.getField("negative_bucket_counts")).isEqualTo(List.of(4L));
    assertThat(row.getField("timestamp")).isEqualTo(t * 1000);
  }

  @Test
  void unsupportedAndInvalidSeriesGet400AndTheRestIsKept() throws IOException {
    String tenant = tenant();
    long t = nowMillis();
    PushRequests.Message floatHistogram = message().double64(2, 3.0).double64(3, 1.5).int64(15, t);
    PushRequests.Message exemplar =
        message().message(1, message().string(1, "trace_id").string(2, "abc")).double64(2, 0.2).int64(3, t);
    byte[] request =
        writeRequest(
            series("__name__", "kept", "job", "a").message(2, sample(1, t)),
            series("__name__", "float_histogram", "job", "a").message(4, floatHistogram),
            series("__name__", "with_exemplar", "job", "a").message(3, exemplar),
            series("job", "nameless").message(2, sample(2, t)),
            series("__name__", "dup", "a", "1", "a", "2").message(2, sample(3, t)),
            series("__name__", "old", "job", "a").message(2, sample(4, t - Duration.ofDays(8).toMillis())));

    OtlpHttp.Response response = write(tenant, request);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("text/plain");
    assertThat(response.text())
        .contains("float native histogram of series '{__name__=\"float_histogram\", job=\"a\"}' is not supported")
        .contains("5 samples, histograms and exemplars rejected");
    assertThat(rows(tenant)).extracting(row -> row.getField("metric_name")).containsExactly("kept");
    assertThat(singleSeriesError(series("__name__", "with_exemplar").message(3, exemplar)))
        .contains("exemplars of series '{__name__=\"with_exemplar\"}' are not stored");
    assertThat(singleSeriesError(series("job", "nameless").message(2, sample(2, t))))
        .contains("series {job=\"nameless\"} has no __name__ label");
    assertThat(singleSeriesError(series("__name__", "dup", "a", "1", "a", "2").message(2, sample(3, t))))
        .contains("duplicate label with name: a");
    assertThat(singleSeriesError(series("__name__", "old").message(2, sample(4, t - Duration.ofDays(8).toMillis()))))
        .contains("sample for series '{__name__=\"old\"}' has timestamp too old");
  }

  private String singleSeriesError(PushRequests.Message series) throws IOException {
    String tenant = tenant();
    OtlpHttp.Response response = write(tenant, writeRequest(series));
    assertThat(response.status()).isEqualTo(400);
    assertThat(rows(tenant)).isEmpty();
    return response.text();
  }

  @Test
  void undecodableBodiesGet400AndUnsupportedFormats415() throws IOException {
    String tenant = tenant();
    byte[] valid = writeRequest(series("__name__", "up").message(2, sample(1, nowMillis())));

    OtlpHttp.Response notSnappy = post(tenant, PROTOBUF, valid, PROMETHEUS_HEADERS);
    OtlpHttp.Response badProtobuf = post(tenant, PROTOBUF, snappy(new byte[] {0x0a, 0x05, 0x01}), PROMETHEUS_HEADERS);
    OtlpHttp.Response v2 =
        post(tenant, "application/x-protobuf;proto=io.prometheus.write.v2.Request", snappy(valid), PROMETHEUS_HEADERS);
    OtlpHttp.Response json = post(tenant, "application/json", snappy(valid), PROMETHEUS_HEADERS);
    OtlpHttp.Response gzip = post(tenant, PROTOBUF, OtlpRequests.gzip(valid), "Content-Encoding", "gzip");

    assertThat(notSnappy.status()).isEqualTo(400);
    assertThat(notSnappy.text()).containsIgnoringCase("snappy");
    assertThat(badProtobuf.status()).isEqualTo(400);
    assertThat(badProtobuf.text()).contains("malformed protobuf");
    assertThat(v2.status()).isEqualTo(415);
    assertThat(v2.text()).contains("io.prometheus.write.v2.Request");
    assertThat(json.status()).isEqualTo(415);
    assertThat(gzip.status()).isEqualTo(415);
    assertThat(rows(tenant)).isEmpty();
  }

  @Test
  void metadataAloneIsAcknowledgedWithoutRows() throws IOException {
    String tenant = tenant();
    byte[] request = message().message(3, metadata(COUNTER, "http_requests_total", "Requests served.", "")).bytes();

    assertThat(write(tenant, request).status()).isEqualTo(204);
    assertThat(rows(tenant)).isEmpty();
  }

  @Test
  void aFailingWalIs503WithRetryAfterSoThatPrometheusRetries(@TempDir Path otherDir) throws IOException {
    ObjectStore failing =
        new ForwardingStore(new LocalObjectStore(otherDir)) {
          @Override
          public Optional<String> createIfAbsent(String key, byte[] data) {
            throw new ObjectStoreException("injected outage: cannot write " + key);
          }
        };
    try (IngestFixture broken = IngestFixture.on(failing).maxWriteAttempts(1).start()) {
      byte[] body = snappy(writeRequest(series("__name__", "up").message(2, sample(1, nowMillis()))));

      OtlpHttp.Response response =
          http.post(broken.http("/api/v1/write"), PROTOBUF, body, PROMETHEUS_HEADERS);

      assertThat(response.status()).as(response.toString()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(response.text()).contains("write-ahead log is unavailable").doesNotContain("injected outage");
    } finally {
      failing.close();
    }
  }

  @Test
  void aBodyOverTheRequestLimitIs413(@TempDir Path otherDir) throws IOException {
    try (IngestFixture small = IngestFixture.local(otherDir).maxRequestBytes(1024).start()) {
      byte[] body = new byte[4096];
      new java.util.Random(7).nextBytes(body);

      OtlpHttp.Response response = http.post(small.http("/api/v1/write"), PROTOBUF, body, PROMETHEUS_HEADERS);

      assertThat(response.status()).isEqualTo(413);
      assertThat(small.wal().rows(Signal.METRICS)).isEmpty();
    }
  }

  @Test
  void aSnappyBodyClaimingMoreThanTheLimitIs413() throws IOException {
    // A snappy block starts with its decompressed length as a varint: here 2^31 - 1 bytes.
    byte[] bomb = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x00};
    OtlpHttp.Response response = post(tenant(), PROTOBUF, bomb, PROMETHEUS_HEADERS);
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.text()).contains("more than the limit");
  }
}
