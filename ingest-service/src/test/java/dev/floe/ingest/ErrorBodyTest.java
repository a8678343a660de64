package dev.floe.ingest;

import static dev.floe.ingest.OtlpRequests.log;
import static dev.floe.ingest.OtlpRequests.logs;
import static dev.floe.ingest.PushRequests.lokiEntry;
import static dev.floe.ingest.PushRequests.lokiPush;
import static dev.floe.ingest.PushRequests.lokiStream;
import static dev.floe.ingest.PushRequests.snappy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage failure answers a retryable error that says what is wrong without the server's details:
 * no file path, no exception class, no stack frame. The local store's own messages name the absolute
 * path of the file it failed to write.
 */
class ErrorBodyTest {
  @TempDir Path dir;
  private final OtlpHttp http = new OtlpHttp();

  @Test
  void aFailedWalWriteAnswersWithoutServerPaths() throws IOException {
    Path data = dir.resolve("wal-data");
    try (IngestFixture ingest = IngestFixture.local(data).maxWriteAttempts(1).start();
        OtlpGrpc grpc = new OtlpGrpc(ingest.grpcPort())) {
      // The store's folder becomes a file: every write fails, with the path in the store's message.
      deleteTree(data);
      Files.writeString(data, "not a folder");

      OtlpHttp.Response otlp = http.postProtobuf(ingest.http("/v1/logs"), logs(log("lost")), "errors");
      assertThat(otlp.status()).as("%s", otlp).isEqualTo(503);
      assertGeneric(otlp.error().getMessage(), data);

      assertThatThrownBy(() -> grpc.logs("errors").export(logs(log("lost-too"))))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertGeneric(e.getStatus().getDescription(), data);
              });

      byte[] push = snappy(lokiPush(lokiStream("{job=\"a\"}", lokiEntry(System.currentTimeMillis() * 1_000_000L, "x"))));
      OtlpHttp.Response loki =
          http.post(ingest.http("/loki/api/v1/push"), "application/x-protobuf", push, OtlpHttp.TENANT_HEADER, "errors");
      assertThat(loki.status()).as("%s", loki).isEqualTo(503);
      assertGeneric(loki.text(), data);
    } finally {
      Files.deleteIfExists(data);
    }
  }

  private static void assertGeneric(String message, Path data) {
    assertThat(message)
        .contains("write-ahead log is unavailable")
        .doesNotContain(data.toString(), data.getFileName().toString(), "Exception", "at dev.floe", ".java");
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
