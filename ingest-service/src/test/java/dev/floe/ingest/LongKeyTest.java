package dev.floe.ingest;

import static dev.floe.ingest.OtlpRequests.log;
import static dev.floe.ingest.OtlpRequests.logs;
import static dev.floe.ingest.PushRequests.lokiEntry;
import static dev.floe.ingest.PushRequests.lokiPush;
import static dev.floe.ingest.PushRequests.lokiStream;
import static dev.floe.ingest.PushRequests.sample;
import static dev.floe.ingest.PushRequests.series;
import static dev.floe.ingest.PushRequests.snappy;
import static dev.floe.ingest.PushRequests.writeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import io.grpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 MiB attribute key or label name is refused as an over-long value is: its record (stream,
 * series) is left out with a message naming the limit, the rest of the request is kept, and the
 * refusal quotes only the key's start.
 */
class LongKeyTest {
  private static final String HUGE_KEY = "k".repeat(1 << 20);
  private static final String LIMIT = "1048576 bytes, more than the limit of 1024";
  /** A refusal quotes the key's first 64 characters only. */
  private static final int MAX_ANSWER_CHARS = 2_000;

  @TempDir static Path dir;
  private static IngestFixture ingest;
  private static OtlpGrpc grpc;
  private final OtlpHttp http = new OtlpHttp();

  @BeforeAll
  static void start() {
    ingest = IngestFixture.local(dir).start();
    grpc = new OtlpGrpc(ingest.grpcPort());
  }

  @AfterAll
  static void stop() {
    grpc.close();
    ingest.close();
  }

  @Test
  void otlpRecordWithAHugeAttributeKeyIsRejectedAndTheRestKept() {
    LogRecord bad = log("huge-key").toBuilder().addAttributes(attribute(HUGE_KEY)).build();
    LogRecord acceptable = log("long-key").toBuilder().addAttributes(attribute("a".repeat(1024))).build();

    OtlpHttp.Response response = http.postProtobuf(ingest.http("/v1/logs"), logs(log("kept"), bad, acceptable), "keys");

    assertThat(response.status()).as("%s", response).isEqualTo(200);
    ExportLogsServiceResponse answer = response.logsResponse();
    assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(answer.getPartialSuccess().getErrorMessage())
        .startsWith("log record 1 of scope 0 of resource 0: key of attributes.kkkk")
        .endsWith(LIMIT)
        .hasSizeLessThan(MAX_ANSWER_CHARS);
    List<Record> rows = ingest.wal().rows(Signal.LOGS);
    assertThat(rows.stream().map(row -> row.getField("body"))).contains("kept", "long-key").doesNotContain("huge-key");
  }

  @Test
  void otlpRequestWhoseOnlyRecordHasAHugeKeyIsInvalidArgumentOverGrpc() {
    LogRecord bad = log("huge-key-grpc").toBuilder().addAttributes(attribute(HUGE_KEY)).build();
    try {
      grpc.logs("keys").export(logs(bad));
      throw new AssertionError("expected INVALID_ARGUMENT");
    } catch (io.grpc.StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).endsWith(LIMIT).hasSizeLessThan(MAX_ANSWER_CHARS);
    }
  }

  @Test
  void lokiStreamWithAHugeLabelNameIsRejectedAndTheRestKept() throws IOException {
    long now = System.currentTimeMillis() * 1_000_000L;
    byte[] body =
        lokiPush(
            lokiStream("{" + HUGE_KEY + "=\"v\"}", lokiEntry(now, "huge-label")),
            lokiStream("{job=\"kept\"}", lokiEntry(now, "kept-line", HUGE_KEY, "v")),
            lokiStream("{job=\"kept\"}", lokiEntry(now, "kept-line-2")));

    OtlpHttp.Response response =
        http.post(ingest.http("/loki/api/v1/push"), "application/x-protobuf", snappy(body), OtlpHttp.TENANT_HEADER, "loki-keys");

    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.text())
        .startsWith("stream '{kkkk")
        .contains("has label name too long: " + LIMIT)
        .hasSizeLessThan(MAX_ANSWER_CHARS);
    assertThat(ingest.wal().rows(Signal.LOGS).stream().map(row -> row.getField("body")))
        .contains("kept-line-2")
        .doesNotContain("huge-label", "kept-line");
  }

  @Test
  void remoteWriteSeriesWithAHugeLabelNameIsRejectedAndTheRestKept() throws IOException {
    long now = System.currentTimeMillis();
    byte[] body =
        writeRequest(
            series("__name__", "huge_label", HUGE_KEY, "v").message(2, sample(1, now)),
            series("__name__", "kept_metric").message(2, sample(2, now)));

    OtlpHttp.Response response =
        http.post(
            ingest.http("/api/v1/write"), "application/x-protobuf", snappy(body),
            OtlpHttp.TENANT_HEADER, "rw-keys", "Content-Encoding", "snappy");

    assertThat(response.status()).as("%s", response).isEqualTo(400);
    assertThat(response.text()).contains("label name kkkk", LIMIT).hasSizeLessThan(MAX_ANSWER_CHARS);
    assertThat(ingest.wal().rows(Signal.METRICS).stream().map(row -> row.getField("metric_name")))
        .contains("kept_metric")
        .doesNotContain("huge_label");
  }

  private static KeyValue attribute(String key) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue("v")).build();
  }
}
