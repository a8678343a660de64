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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auth mode: a write without {@code X-Scope-OrgID} is refused with 401 / UNAUTHENTICATED and stored
 * nowhere, instead of going to the default tenant; with the header it is stored under that tenant.
 */
class AuthModeTest {
  @TempDir Path dir;
  private final OtlpHttp http = new OtlpHttp();

  @Test
  void writesWithoutTheTenantHeaderAreRefusedOnEveryTransport() throws IOException {
    try (IngestFixture ingest = IngestFixture.local(dir).authEnabled(true).start();
        OtlpGrpc grpc = new OtlpGrpc(ingest.grpcPort())) {
      OtlpHttp.Response otlp = http.postProtobuf(ingest.http("/v1/logs"), logs(log("anonymous-http")), null);
      assertThat(otlp.status()).as("%s", otlp).isEqualTo(401);
      assertThat(otlp.text()).contains("no org id");

      assertThatThrownBy(() -> grpc.logs(null).export(logs(log("anonymous-grpc"))))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                assertThat(e.getStatus().getDescription()).contains("no org id");
              });

      long now = System.currentTimeMillis();
      byte[] push = snappy(lokiPush(lokiStream("{job=\"a\"}", lokiEntry(now * 1_000_000L, "anonymous-loki"))));
      assertThat(http.post(ingest.http("/loki/api/v1/push"), "application/x-protobuf", push).status()).isEqualTo(401);
      byte[] write = snappy(writeRequest(series("__name__", "anonymous_metric").message(2, sample(1, now))));
      assertThat(http.post(ingest.http("/api/v1/write"), "application/x-protobuf", write, "Content-Encoding", "snappy").status())
          .isEqualTo(401);

      assertThat(http.postProtobuf(ingest.http("/v1/logs"), logs(log("team-http")), "team-a").status()).isEqualTo(200);
      grpc.logs("team-a").export(logs(log("team-grpc")));
      assertThat(ingest.wal().logBodies())
          .contains("team-http", "team-grpc")
          .doesNotContain("anonymous-http", "anonymous-grpc", "anonymous-loki");
      assertThat(http.get(ingest.admin("/ready")).status()).as("probes need no tenant").isEqualTo(200);
    }
  }
}
