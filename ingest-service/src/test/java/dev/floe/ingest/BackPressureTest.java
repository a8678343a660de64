package dev.floe.ingest;

import static dev.floe.ingest.OtlpRequests.log;
import static dev.floe.ingest.OtlpRequests.logAged;
import static dev.floe.ingest.OtlpRequests.logs;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import dev.floe.store.ForwardingStore;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStoreException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload and store outages turn into OTLP's retryable answers: a full ingest buffer gives 429 /
 * RESOURCE_EXHAUSTED with a retry delay, a failing WAL write 503 / UNAVAILABLE, never a success or
 * a non-retryable partial success; what was acknowledged is durable.
 */
@Timeout(300)
class BackPressureTest {
  /** Heap budget: four of the 16 KiB requests below, charged 8 times their payload, fit at once. */
  private static final long MAX_BUFFERED_BYTES = 512 * 1024;
  private static final String TENANT = "pressure";
  private static final String REQUEST_PREFIX = "concurrent";
  private static final AtomicInteger IDS = new AtomicInteger();

  @TempDir static Path dir;
  private static ImpairableStore store;
  private static IngestFixture ingest;
  private static OtlpGrpc grpc;
  private final OtlpHttp http = new OtlpHttp();

  @BeforeAll
  static void start() {
    store = new ImpairableStore(new LocalObjectStore(dir));
    ingest = IngestFixture.on(store).maxBufferedBytes(MAX_BUFFERED_BYTES).maxWriteAttempts(2).start();
    grpc = new OtlpGrpc(ingest.grpcPort());
  }

  @AfterAll
  static void stop() {
    grpc.close();
    ingest.close();
    store.close();
  }

  @AfterEach
  void restoreStoreAndCheckNothingIsHeld() {
    store.heal();
    // A leak here would refuse every request once it reached the limit.
    assertThat(ingest.meters().get("floe.ingest.buffered.bytes").gauge().value()).isZero();
  }

  @Test
  void fullBufferAnswers429WithRetryAfterOverHttpAndAcceptedRequestsAreDurable() throws Exception {
    Map<String, OtlpHttp.Response> answers = sendConcurrently(this::postOverHttp, response -> response.status() == 429);

    Map<Integer, Long> byStatus = countBy(answers.values().stream().map(OtlpHttp.Response::status).toList());
    assertThat(byStatus.keySet()).as("statuses %s", byStatus).containsExactlyInAnyOrder(200, 429);
    answers.values().stream()
        .filter(response -> response.status() == 429)
        .forEach(
            response -> {
              assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
              assertThat(response.error().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED.value());
              assertThat(response.error().getMessage()).contains("ingest buffer is full");
            });
    List<String> acked =
        answers.entrySet().stream().filter(answer -> answer.getValue().status() == 200).map(Map.Entry::getKey).toList();
    assertDurableExactlyWhenAcked(acked, answers.keySet());
  }

  @Test
  void fullBufferAnswersResourceExhaustedOverGrpcAndAcceptedRequestsAreDurable() throws Exception {
    Map<String, Optional<StatusRuntimeException>> answers =
        sendConcurrently(BackPressureTest::exportOverGrpc, Optional::isPresent);

    List<Status.Code> codes =
        answers.values().stream().map(error -> error.map(e -> e.getStatus().getCode()).orElse(Status.Code.OK)).toList();
    assertThat(countBy(codes).keySet()).as("codes %s", countBy(codes))
        .containsExactlyInAnyOrder(Status.Code.OK, Status.Code.RESOURCE_EXHAUSTED);
    answers.values().stream()
        .flatMap(Optional::stream)
        .forEach(
            error -> {
              assertThat(error.getStatus().getDescription()).contains("ingest buffer is full");
              assertThat(hasRetryInfo(error)).as("RetryInfo detail").isTrue();
            });
    List<String> acked =
        answers.entrySet().stream().filter(answer -> answer.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    assertDurableExactlyWhenAcked(acked, answers.keySet());
  }

  @Test
  void failingStoreAnswers503WithRetryAfterAndNeverSuccess() throws Exception {
    store.breakWrites();
    String good = id("outage");
    String partial = id("outage");
    ExportLogsServiceRequest allGood = logs(List.of(good));
    // Also a request with a bad record: a failed write must not turn into a (non-retryable) partial success.
    ExportLogsServiceRequest withBadRecord = logs(logAged(id("too-old"), Duration.ofDays(30)), log(partial));

    for (ExportLogsServiceRequest request : List.of(allGood, withBadRecord)) {
      OtlpHttp.Response response = http.postProtobuf(ingest.http("/v1/logs"), request, TENANT);
      assertThat(response.status()).as("%s", response).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(response.error().getCode()).isEqualTo(Status.Code.UNAVAILABLE.value());
      assertThat(response.error().getMessage())
          .contains("write-ahead log is unavailable")
          .doesNotContain(ImpairableStore.OUTAGE);

      Optional<StatusRuntimeException> error = exportOverGrpc(request);
      assertThat(error).as("gRPC answer").isPresent();
      assertThat(error.get().getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(hasRetryInfo(error.get())).as("RetryInfo detail").isTrue();
    }
    assertThat(ingest.wal().logBodies()).doesNotContain(good, partial);

    // What the client retries once the store is back is stored, once.
    store.heal();
    assertThat(http.postProtobuf(ingest.http("/v1/logs"), allGood, TENANT).status()).isEqualTo(200);
    OtlpHttp.Response retried = http.postProtobuf(ingest.http("/v1/logs"), withBadRecord, TENANT);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.logsResponse().getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    List<String> stored = ingest.wal().logBodies();
    assertThat(Collections.frequency(stored, good)).isEqualTo(1);
    assertThat(Collections.frequency(stored, partial)).isEqualTo(1);
  }

  private static String id(String what) {
    return what + "-" + IDS.incrementAndGet();
  }

  /**
   * Sends 48 requests of about 16 KiB from 8 threads at once while WAL writes are held, so that the
   * buffer fills however fast the machine is; lets the writes go once a request was refused. Returns
   * each request's answer by the id of its first record.
   */
  private static <A> Map<String, A> sendConcurrently(Sender<A> sender, Predicate<A> refused) throws Exception {
    store.holdWrites();
    Map<String, A> answers = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> threads = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        threads.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < 6; r++) {
                    String first = id(REQUEST_PREFIX);
                    List<String> bodies =
                        IntStream.range(0, 4).mapToObj(i -> first + "/" + i + "/" + "x".repeat(4000)).toList();
                    answers.put(first, sender.send(logs(bodies)));
                  }
                  return null;
                }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (answers.values().stream().noneMatch(refused)) {
        assertThat(System.nanoTime()).as("a request refused while writes are held").isLessThan(deadline);
        assertThat(threads).as("senders still running").anyMatch(thread -> !thread.isDone());
        Thread.sleep(10);
      }
      store.releaseWrites();
      for (Future<?> thread : threads) {
        thread.get(120, TimeUnit.SECONDS);
      }
    } finally {
      store.releaseWrites();
      pool.shutdownNow();
    }
    assertThat(answers).hasSize(48);
    return answers;
  }

  /** Every record of an acked request is stored exactly once; nothing of a refused one is. */
  private static void assertDurableExactlyWhenAcked(List<String> acked, Set<String> all) {
    assertThat(acked).isNotEmpty();
    Map<String, Long> storedRequests =
        countBy(
            ingest.wal().logBodies().stream()
                .filter(body -> body.startsWith(REQUEST_PREFIX))
                .map(body -> body.substring(0, body.indexOf('/')))
                .toList());
    for (String request : all) {
      long expected = acked.contains(request) ? 4 : 0;
      assertThat(storedRequests.getOrDefault(request, 0L)).as("records of %s in the WAL", request).isEqualTo(expected);
    }
  }

  private OtlpHttp.Response postOverHttp(ExportLogsServiceRequest request) {
    return http.postProtobuf(ingest.http("/v1/logs"), request, TENANT);
  }

  private static Optional<StatusRuntimeException> exportOverGrpc(ExportLogsServiceRequest request) {
    try {
      grpc.logs(TENANT).export(request);
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      return Optional.of(e);
    }
  }

  private static boolean hasRetryInfo(StatusRuntimeException error) {
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    return status != null && status.getDetailsList().stream().anyMatch((Any detail) -> detail.is(RetryInfo.class));
  }

  private static <T> Map<T, Long> countBy(List<T> values) {
    Map<T, Long> counts = new HashMap<>();
    values.forEach(value -> counts.merge(value, 1L, Long::sum));
    return counts;
  }

  @FunctionalInterface
  private interface Sender<A> {
    A send(ExportLogsServiceRequest request);
  }

  /** A real local store whose segment writes can be held until released, or fail as in an outage. */
  private static final class ImpairableStore extends ForwardingStore {
    static final String OUTAGE = "injected outage";

    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile boolean failing;

    ImpairableStore(LocalObjectStore delegate) {
      super(delegate);
    }

    void holdWrites() {
      held = new CountDownLatch(1);
    }

    void releaseWrites() {
      held.countDown();
    }

    void breakWrites() {
      failing = true;
    }

    void heal() {
      releaseWrites();
      failing = false;
    }

    @Override
    public Optional<String> createIfAbsent(String key, byte[] data) {
      if (failing) {
        throw new ObjectStoreException(OUTAGE + ": cannot write " + key);
      }
      try {
        if (!held.await(120, TimeUnit.SECONDS)) {
          throw new ObjectStoreException("writes held for 120 s: the test never released them");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ObjectStoreException("interrupted", e);
      }
      return super.createIfAbsent(key, data);
    }
  }
}
