package dev.floe.ingest;

import static dev.floe.ingest.OtlpRequests.logs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.store.ObjectStore;
import dev.floe.store.S3Fault;
import dev.floe.store.S3ProxyServer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * S3 answering WAL segment writes with 503 SlowDown or 409 ConditionalRequestConflict: the S3 store
 * retries them, so a client whose request met a few such answers is acked once its records are
 * stored; when S3 keeps refusing, the client gets a retryable 503 and nothing of its request is kept.
 */
@Timeout(120)
class S3WriteFaultsTest {
  private static final String TENANT = "s3-faults";

  private static S3ProxyServer s3;
  private static ObjectStore store;
  private static IngestFixture ingest;
  private final OtlpHttp http = new OtlpHttp();

  @BeforeAll
  static void start() {
    s3 = S3ProxyServer.start();
    store = s3.newStore("floe/");
    // One pipeline attempt per segment: what the client sees is the S3 store's own retrying.
    ingest = IngestFixture.on(store).maxWriteAttempts(1).start();
  }

  @AfterAll
  static void stop() {
    ingest.close();
    store.close();
    s3.close();
  }

  @AfterEach
  void clearFaults() {
    s3.clearFaults();
  }

  @Test
  void slowDownAndConflictAnswersAreRetriedAndTheAckedRecordsAreStoredOnce() {
    List<String> bodies = List.of("retried-1", "retried-2", "retried-3");
    s3.failNextPuts(S3Fault.SLOW_DOWN, 1);
    s3.failNextPuts(S3Fault.CONFLICT, 2);
    int before = s3.putAttempts();

    OtlpHttp.Response response = http.postProtobuf(ingest.http("/v1/logs"), logs(bodies), TENANT);

    assertThat(response.status()).as("%s", response).isEqualTo(200);
    assertThat(s3.putAttempts() - before).as("puts, three of them refused").isGreaterThanOrEqualTo(4);
    List<String> stored = ingest.wal().logBodies();
    assertThat(bodies).allSatisfy(body -> assertThat(Collections.frequency(stored, body)).as(body).isEqualTo(1));
  }

  @Test
  void anS3ThatKeepsRefusingGets503AndNothingIsKept() {
    List<String> bodies = List.of("refused-1", "refused-2");
    s3.failNextPuts(S3Fault.SLOW_DOWN, 1_000);

    OtlpHttp.Response response = http.postProtobuf(ingest.http("/v1/logs"), logs(bodies), TENANT);

    assertThat(response.status()).as("%s", response).isEqualTo(503);
    s3.clearFaults();
    assertThat(ingest.wal().logBodies()).doesNotContainAnyElementsOf(bodies);

    // The client's retry, once S3 accepts writes again, is stored once.
    assertThat(http.postProtobuf(ingest.http("/v1/logs"), logs(bodies), TENANT).status()).isEqualTo(200);
    List<String> stored = ingest.wal().logBodies();
    assertThat(bodies).allSatisfy(body -> assertThat(Collections.frequency(stored, body)).as(body).isEqualTo(1));
  }
}
