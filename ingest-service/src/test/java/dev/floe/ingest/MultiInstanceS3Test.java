package dev.floe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import dev.floe.store.ObjectStore;
import dev.floe.store.S3ProxyServer;
import dev.floe.wal.SegmentKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several ingest replicas on one bucket contend for the same few shards: the offset protocol keeps
 * every shard's offsets contiguous, never writes a key twice, and every acknowledged record is in
 * exactly one segment.
 */
@Timeout(120)
class MultiInstanceS3Test {
  private static final int INSTANCES = 4;
  private static final int CLIENTS_PER_INSTANCE = 3;
  private static final int REQUESTS_PER_CLIENT = 15;
  private static final int RECORDS_PER_REQUEST = 4;
  private static final String TENANT = "shared-bucket";

  private final OtlpHttp http = new OtlpHttp();

  @Test
  void replicasOnOneBucketKeepOffsetsContiguousAndLoseNothing() throws Exception {
    Collection<String> acked = new ConcurrentLinkedQueue<>();
    Collection<Integer> refusals = new ConcurrentLinkedQueue<>();
    try (S3ProxyServer s3 = S3ProxyServer.start();
        ObjectStore reader = s3.newStore("")) {
      List<ObjectStore> clients = new ArrayList<>();
      List<IngestFixture> instances = new ArrayList<>();
      try {
        for (int i = 1; i <= INSTANCES; i++) {
          // Each replica has its own S3 client, as separate processes would.
          ObjectStore client = s3.newStore("");
          clients.add(client);
          instances.add(IngestFixture.on(client).instanceId("replica-" + i).shards(2).start());
        }
        sendFromAllClients(instances, acked, refusals);
      } finally {
        // In parallel: each stop waits for Armeria's event loops to wind down.
        CompletableFuture.allOf(
                instances.stream().map(instance -> CompletableFuture.runAsync(instance::close)).toArray(CompletableFuture[]::new))
            .get(60, TimeUnit.SECONDS);
        clients.forEach(ObjectStore::close);
      }

      int sent = INSTANCES * CLIENTS_PER_INSTANCE * REQUESTS_PER_CLIENT * RECORDS_PER_REQUEST;
      assertThat(refusals).as("answers other than 200 from a healthy store").isEmpty();
      assertThat(acked).hasSize(sent);

      WalContents wal = new WalContents(reader);
      for (Signal signal : Signal.values()) {
        wal.offsetsByShard(signal)
            .forEach(
                (shard, offsets) ->
                    assertThat(offsets)
                        .as("%s shard %d offsets", signal.id(), shard)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, offsets.size()).boxed().toList()));
      }
      assertThat(s3.keysWrittenMoreThanOnce()).isEmpty();

      List<String> stored = wal.logBodies();
      assertThat(stored).hasSize(sent).doesNotHaveDuplicates();
      assertThat(new HashSet<>(stored)).isEqualTo(new HashSet<>(acked));

      // The shards really were contended: each holds segments of several replicas.
      Map<Integer, Set<String>> writersByShard = new HashMap<>();
      for (SegmentKey key : wal.segments(Signal.LOGS)) {
        writersByShard.computeIfAbsent(key.shard(), shard -> new HashSet<>()).add(wal.writerOf(key));
      }
      assertThat(writersByShard).hasSize(2);
      assertThat(writersByShard.values()).allSatisfy(writers -> assertThat(writers).hasSizeGreaterThan(1));
    }
  }

  /** Client threads post to every instance at once; each record's body is a unique id. */
  private void sendFromAllClients(List<IngestFixture> instances, Collection<String> acked, Collection<Integer> refusals)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(INSTANCES * CLIENTS_PER_INSTANCE);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int i = 0; i < instances.size(); i++) {
        IngestFixture instance = instances.get(i);
        for (int c = 0; c < CLIENTS_PER_INSTANCE; c++) {
          String client = "i" + i + "c" + c;
          clients.add(
              pool.submit(
                  () -> {
                    for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                      String request = client + "r" + r;
                      List<String> bodies =
                          IntStream.range(0, RECORDS_PER_REQUEST).mapToObj(k -> request + "k" + k).toList();
                      OtlpHttp.Response response =
                          http.postProtobuf(instance.http("/v1/logs"), OtlpRequests.logs(bodies), TENANT);
                      if (response.status() == 200) {
                        acked.addAll(bodies);
                      } else {
                        refusals.add(response.status());
                      }
                    }
                    return null;
                  }));
        }
      }
      for (Future<?> client : clients) {
        client.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
