package dev.floe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import dev.floe.store.S3ProxyServer;
import dev.floe.wal.SegmentKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restarted instance finds where each shard ends, even after cleanup deleted every segment but the
 * newest of each shard, and never writes at or below an offset that was used before.
 */
@Timeout(90)
class RestartRecoveryTest {
  private static final String TENANT = "restart";
  private static final int REQUESTS = 10;

  @TempDir Path dir;
  private final OtlpHttp http = new OtlpHttp();

  enum Backend {
    LOCAL,
    S3
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void restartedInstanceWritesAboveTheNewestKeptSegmentAndOverwritesNothing(Backend backend) throws Exception {
    S3ProxyServer s3 = backend == Backend.S3 ? S3ProxyServer.start() : null;
    // Each instance has its own client, as separate processes would.
    try (ObjectStore firstStore = open(backend, s3);
        ObjectStore secondStore = open(backend, s3);
        ObjectStore reader = open(backend, s3)) {
      WalContents wal = new WalContents(reader);

      try (IngestFixture first = IngestFixture.on(firstStore).instanceId("before-restart").start()) {
        sendSequentially(first, "before");
      }
      Map<Integer, List<Long>> written = wal.offsetsByShard(Signal.LOGS);
      assertThat(written).as("segments per shard before the restart").hasSize(2);
      assertThat(written.values()).allSatisfy(offsets -> assertThat(offsets).hasSizeGreaterThanOrEqualTo(3));

      Map<SegmentKey, byte[]> kept = keepOnlyNewestSegmentOfEachShard(reader, wal);

      List<String> acked;
      try (IngestFixture second = IngestFixture.on(secondStore).instanceId("after-restart").start()) {
        acked = sendSequentially(second, "after");
      }

      for (Map.Entry<SegmentKey, byte[]> entry : kept.entrySet()) {
        SegmentKey newest = entry.getKey();
        assertThat(wal.bytes(newest)).as("kept segment %s unchanged", newest.path()).isEqualTo(entry.getValue());
        List<SegmentKey> newSegments =
            wal.segments(Signal.LOGS).stream()
                .filter(key -> key.shard() == newest.shard() && !key.equals(newest))
                .toList();
        assertThat(newSegments).as("new segments of shard %d", newest.shard()).isNotEmpty();
        assertThat(newSegments.stream().map(SegmentKey::offset))
            .as("offsets after the restart continue shard %d contiguously above %d", newest.shard(), newest.offset())
            .containsExactlyElementsOf(
                LongStream.rangeClosed(newest.offset() + 1, newest.offset() + newSegments.size()).boxed().toList());
        assertThat(newSegments).allSatisfy(key -> assertThat(wal.writerOf(key)).isEqualTo("after-restart"));
      }
      List<String> stored = wal.logBodies();
      assertThat(acked).allSatisfy(body -> assertThat(Collections.frequency(stored, body)).as(body).isEqualTo(1));
      if (s3 != null) {
        assertThat(s3.keysWrittenMoreThanOnce()).isEmpty();
      }
    } finally {
      if (s3 != null) {
        s3.close();
      }
    }
  }

  private ObjectStore open(Backend backend, S3ProxyServer s3) {
    return backend == Backend.S3 ? s3.newStore("") : new LocalObjectStore(dir);
  }

  /**
   * Posts requests one after the other, each acked before the next, so that they make separate
   * segments spread over the shards; returns the bodies of the acked records.
   */
  private List<String> sendSequentially(IngestFixture ingest, String prefix) {
    List<String> acked = new ArrayList<>();
    for (int r = 0; r < REQUESTS; r++) {
      int request = r;
      List<String> bodies = IntStream.range(0, 3).mapToObj(i -> prefix + "-" + request + "-" + i).toList();
      OtlpHttp.Response response = http.postProtobuf(ingest.http("/v1/logs"), OtlpRequests.logs(bodies), TENANT);
      assertThat(response.status()).as("%s", response).isEqualTo(200);
      acked.addAll(bodies);
    }
    return acked;
  }

  /** What cleanup leaves once everything is compacted: the newest segment of each shard. Returns them with their bytes. */
  private static Map<SegmentKey, byte[]> keepOnlyNewestSegmentOfEachShard(ObjectStore store, WalContents wal) {
    Map<SegmentKey, byte[]> kept = new HashMap<>();
    for (Signal signal : Signal.values()) {
      Map<Integer, List<SegmentKey>> byShard = new HashMap<>();
      wal.segments(signal).forEach(key -> byShard.computeIfAbsent(key.shard(), shard -> new ArrayList<>()).add(key));
      for (List<SegmentKey> segments : byShard.values()) {
        SegmentKey newest = segments.get(segments.size() - 1);
        kept.put(newest, wal.bytes(newest));
        store.deleteAll(segments.subList(0, segments.size() - 1).stream().map(SegmentKey::path).toList());
      }
    }
    return kept;
  }
}
