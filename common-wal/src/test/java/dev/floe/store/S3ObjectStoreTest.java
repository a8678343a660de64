package dev.floe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3ObjectStoreTest extends ObjectStoreContractTest {
  private static S3ProxyServer server;

  private String keyPrefix;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @AfterEach
  void clearFaults() {
    server.clearFaults();
  }

  @Override
  protected ObjectStore newStore() {
    // Each test gets a folder of its own in the one bucket.
    keyPrefix = "test-" + UUID.randomUUID() + "/";
    return server.newStore(keyPrefix);
  }

  @Override
  protected OptionalInt writeCount(String key) {
    return OptionalInt.of(server.putCount(keyPrefix + key));
  }

  @Test
  void aConditionalCreateIsRetriedOnSlowDownAndConflict() {
    server.failNextPuts(S3Fault.SLOW_DOWN, 1);
    server.failNextPuts(S3Fault.CONFLICT, 2);
    int before = server.putAttempts();

    assertThat(store().createIfAbsent("retried", bytes("1"))).isPresent();

    assertThat(server.putAttempts() - before).as("attempts").isEqualTo(4);
    assertThat(server.putCount(keyPrefix + "retried")).as("writes applied").isEqualTo(1);
    assertThat(text(store().get("retried").orElseThrow().data())).isEqualTo("1");
  }

  @Test
  void aConditionalReplaceIsRetriedOnConflict() {
    String etag = store().createIfAbsent("replaced", bytes("1")).orElseThrow();
    server.failNextPuts(S3Fault.CONFLICT, 1);
    int before = server.putAttempts();

    assertThat(store().replaceIfMatch("replaced", bytes("2"), etag)).isPresent();

    assertThat(server.putAttempts() - before).as("attempts").isEqualTo(2);
    assertThat(text(store().get("replaced").orElseThrow().data())).isEqualTo("2");
  }

  @Test
  void aConditionalWriteGivesUpAfterFourAttemptsAndWritesNothing() {
    server.failNextPuts(S3Fault.SLOW_DOWN, 10);
    int before = server.putAttempts();

    assertThatThrownBy(() -> store().createIfAbsent("abandoned", bytes("1")))
        .isInstanceOf(ObjectStoreException.class)
        .hasMessageContaining("abandoned");

    assertThat(server.putAttempts() - before).as("attempts").isEqualTo(4);
    assertThat(store().get("abandoned")).as("nothing stored").isEmpty();
  }

  @Test
  void aConditionalWriteIsNotRetriedWhenS3MayHaveAppliedIt() {
    // A plain 503 may come after the write landed: a retry would answer 412 and report a conflict.
    server.failNextPuts(S3Fault.UNAVAILABLE, 1);
    int before = server.putAttempts();

    assertThatThrownBy(() -> store().createIfAbsent("unknown", bytes("1"))).isInstanceOf(ObjectStoreException.class);

    assertThat(server.putAttempts() - before).as("attempts").isEqualTo(1);
  }

  @Test
  void keyPrefixSeparatesStoresInOneBucket() {
    try (S3ObjectStore first = server.newStore(keyPrefix + "first");
        S3ObjectStore second = server.newStore(keyPrefix + "second/");
        S3ObjectStore bucketRoot = server.newStore("")) {
      assertThat(first.keyPrefix()).isEqualTo(keyPrefix + "first/");

      assertThat(first.createIfAbsent("lease", bytes("1"))).isPresent();
      assertThat(second.createIfAbsent("lease", bytes("2"))).isPresent();

      assertThat(text(first.get("lease").orElseThrow().data())).isEqualTo("1");
      assertThat(first.listAll("", null)).extracting(ObjectInfo::key).containsExactly("lease");
      assertThat(bucketRoot.listAll(keyPrefix, null))
          .extracting(ObjectInfo::key)
          .containsExactly(keyPrefix + "first/lease", keyPrefix + "second/lease");
    }
  }

  @Test
  void replaceIfMatchAcceptsQuotedEtags() {
    String etag = store().createIfAbsent("quoted", bytes("1")).orElseThrow();

    assertThat(store().replaceIfMatch("quoted", bytes("2"), '"' + etag + '"')).isPresent();
  }

  @Test
  void serverCountsWritesPerKey() {
    String etag = store().createIfAbsent("counted", bytes("1")).orElseThrow();
    store().createIfAbsent("counted", bytes("lost"));
    store().replaceIfMatch("counted", bytes("stale"), "0123");
    store().createIfAbsent("once", bytes("1")).orElseThrow();

    assertThat(server.keysWrittenMoreThanOnce()).doesNotContain(keyPrefix + "counted");
    store().replaceIfMatch("counted", bytes("2"), etag).orElseThrow();

    assertThat(server.putCount(keyPrefix + "counted")).isEqualTo(2);
    assertThat(server.putCount(keyPrefix + "once")).isEqualTo(1);
    assertThat(server.keysWrittenMoreThanOnce())
        .contains(keyPrefix + "counted")
        .doesNotContain(keyPrefix + "once");
  }

  @Test
  void failuresNameTheOperationAndTheKey() {
    try (S3ObjectStore missingBucket =
        S3ObjectStore.builder()
            .endpoint(server.endpoint())
            .bucket("no-such-bucket")
            .pathStyleAccess(true)
            .credentials(server.accessKey(), server.secretKey())
            .build()) {
      assertThatThrownBy(() -> missingBucket.createIfAbsent("wal/x", bytes("x")))
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageContaining("createIfAbsent")
          .hasMessageContaining("s3://no-such-bucket/wal/x");
      assertThatThrownBy(() -> missingBucket.get("wal/x"))
          .isInstanceOf(ObjectStoreException.class)
          .isNotInstanceOf(ObjectNotFoundException.class)
          .hasMessageContaining("get");
      assertThatThrownBy(() -> missingBucket.list("wal/", null, 10))
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageContaining("list");
    }
  }

  @Test
  void builderNeedsABucket() {
    assertThatThrownBy(() -> S3ObjectStore.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket");
  }
}
