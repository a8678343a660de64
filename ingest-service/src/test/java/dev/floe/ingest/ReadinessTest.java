package dev.floe.ingest;

import static dev.floe.ingest.OtlpRequests.log;
import static dev.floe.ingest.OtlpRequests.logs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.store.ForwardingStore;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest {@code /ready} means "can acknowledge": listeners bound, a storage write succeeded
 * recently, not draining. Back-pressure does not make the service unready, and {@code /live} never
 * depends on storage.
 */
@Timeout(120)
class ReadinessTest {
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

  @TempDir Path dir;
  private final OtlpHttp http = new OtlpHttp();

  @Test
  void notReadyWhileStorageRefusesWritesAndReadyOnceItAcceptsThem() throws Exception {
    try (GatedStore store = new GatedStore(new LocalObjectStore(dir))) {
      store.fail = true;
      try (IngestFixture ingest = IngestFixture.on(store).storageProbeInterval(PROBE_INTERVAL).start()) {
        OtlpHttp.Response notReady = http.get(ingest.admin("/ready"));
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.text()).contains("storage");
        assertThat(http.get(ingest.admin("/live")).status()).isEqualTo(200);

        store.fail = false;
        awaitStatus(() -> http.get(ingest.admin("/ready")), 200);

        store.fail = true;
        OtlpHttp.Response lost = awaitStatus(() -> http.get(ingest.admin("/ready")), 503);
        assertThat(lost.text()).contains("storage");
        assertThat(http.get(ingest.admin("/live")).status()).isEqualTo(200);
      }
    }
  }

  @Test
  void backPressureKeepsTheServiceReadyAndStopDrainsBeforeTheListenersClose() throws Exception {
    try (GatedStore store = new GatedStore(new LocalObjectStore(dir))) {
      // Room for one small request: while its WAL write hangs, the next one gets 429.
      IngestFixture ingest = IngestFixture.on(store).maxBufferedBytes(8 * 1024).start();
      try {
        assertThat(http.get(ingest.admin("/ready")).status()).isEqualTo(200);
        store.holdWalWrites();
        CompletableFuture<OtlpHttp.Response> inFlight =
            CompletableFuture.supplyAsync(() -> http.postProtobuf(ingest.http("/v1/logs"), logs(log("held-" + "h".repeat(600))), "ready"));
        assertThat(store.walWriteWaiting.await(30, TimeUnit.SECONDS)).as("a WAL write is waiting").isTrue();

        assertThat(http.postProtobuf(ingest.http("/v1/logs"), logs(log("refused-" + "r".repeat(600))), "ready").status())
            .isEqualTo(429);
        assertThat(http.get(ingest.admin("/ready")).status()).as("ready under back-pressure").isEqualTo(200);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(ingest::close);
        OtlpHttp.Response draining = awaitStatus(() -> http.get(ingest.admin("/ready")), 503);
        assertThat(draining.text()).contains("shutting down");
        // The listeners still answer, with a retryable refusal, while the request in flight waits.
        assertThat(http.postProtobuf(ingest.http("/v1/logs"), logs(log("late")), "ready").status()).isEqualTo(503);
        assertThat(stopping).isNotDone();

        store.releaseWalWrites();
        assertThat(inFlight.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        stopping.get(30, TimeUnit.SECONDS);
      } finally {
        store.releaseWalWrites();
        ingest.close();
      }
    }
  }

  private static OtlpHttp.Response awaitStatus(Supplier<OtlpHttp.Response> request, int status)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      OtlpHttp.Response response = request.get();
      if (response.status() == status || System.nanoTime() > deadline) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        return response;
      }
      Thread.sleep(20);
    }
  }

  /** A real local store whose writes can fail, or whose WAL writes can be held until released. */
  private static final class GatedStore extends ForwardingStore {
    volatile boolean fail;
    private volatile CountDownLatch walWrites = new CountDownLatch(0);
    final CountDownLatch walWriteWaiting = new CountDownLatch(1);

    GatedStore(LocalObjectStore delegate) {
      super(delegate);
    }

    void holdWalWrites() {
      walWrites = new CountDownLatch(1);
    }

    void releaseWalWrites() {
      walWrites.countDown();
    }

    @Override
    public Optional<String> createIfAbsent(String key, byte[] data) {
      if (fail) {
        throw new ObjectStoreException("injected outage: cannot write " + key);
      }
      if (key.startsWith("wal/")) {
        walWriteWaiting.countDown();
        try {
          walWrites.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ObjectStoreException("interrupted", e);
        }
      }
      return super.createIfAbsent(key, data);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
      if (fail) {
        throw new ObjectStoreException("injected outage: cannot delete " + List.copyOf(keys));
      }
      super.deleteAll(keys);
    }
  }
}
