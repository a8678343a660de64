package dev.floe.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.config.WalConfig;
import dev.floe.schema.Columns;
import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import dev.floe.store.ForwardingStore;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectStore;
import dev.floe.store.ObjectStoreException;
import dev.floe.wal.WalReader;
import dev.floe.wal.WalSegment;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineTest {
  private static final long START_MICROS = 1_700_000_000_000_000L;
  private static final long FIRST_STREAM = 1_000_000L;

  @TempDir Path dir;

  @Test
  void idleFlushThreadsShareALargeBatchAsSeveralSegmentsAndAckOnceAllAreDurable() throws Exception {
    List<List<Long>> segments = flushOneBatch(2, 2 * SignalBatcher.MIN_SPLIT_ROWS + 500);

    assertThat(segments).hasSize(2);
    assertThat(segments).allSatisfy(fingerprints -> assertThat(fingerprints).isSorted());
    assertThat(segments.stream().flatMap(List::stream).sorted().toList()).isEqualTo(fingerprints(2 * SignalBatcher.MIN_SPLIT_ROWS + 500));
  }

  @Test
  void aBatchTooSmallToSplitStaysOneSegment() throws Exception {
    List<List<Long>> segments = flushOneBatch(2, 2 * SignalBatcher.MIN_SPLIT_ROWS - 1);

    assertThat(segments).hasSize(1);
    assertThat(segments.get(0)).isEqualTo(fingerprints(2 * SignalBatcher.MIN_SPLIT_ROWS - 1));
  }

  @Test
  void aSingleFlushThreadWritesTheBatchWhole() throws Exception {
    List<List<Long>> segments = flushOneBatch(1, 3 * SignalBatcher.MIN_SPLIT_ROWS);

    assertThat(segments).hasSize(1);
    assertThat(segments.get(0)).isEqualTo(fingerprints(3 * SignalBatcher.MIN_SPLIT_ROWS));
  }

  @Test
  void splitCutsContiguousPartsOfNearlyEqualSize() {
    List<Record> rows = rows(10_001);

    List<List<Record>> parts = SignalBatcher.split(rows, 3);

    assertThat(parts).extracting(List::size).containsExactly(3333, 3334, 3334);
    assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(rows);
    assertThat(SignalBatcher.split(rows, 0)).containsExactly(rows);
    assertThat(SignalBatcher.split(rows, 8)).hasSize(10_001 / SignalBatcher.MIN_SPLIT_ROWS);
  }

  @Test
  void aLoneRequestIsWrittenAtOnceNotAfterTheDelayLimit() throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir);
    BatchConfig batches = new BatchConfig(50_000, 64L << 20, Duration.ofHours(1), 2);
    try (IngestPipeline pipeline =
        new IngestPipeline(store, WalConfig.defaults(), batches, "test", new SimpleMeterRegistry())) {
      for (int request = 0; request < 3; request++) {
        pipeline.submit(Map.of(Signal.LOGS, rows(10)), 1).get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(segments(store)).hasSize(3);
  }

  @Test
  void requestsArrivingWhileTheWriteIsInFlightShareTheNextSegmentUpToTheRowLimit() throws Exception {
    GatedStore store = new GatedStore(new LocalObjectStore(dir));
    BatchConfig batches = new BatchConfig(30, 64L << 20, Duration.ofHours(1), 1);
    try (IngestPipeline pipeline =
        new IngestPipeline(store, WalConfig.defaults(), batches, "test", new SimpleMeterRegistry())) {
      CompletableFuture<Void> first = pipeline.submit(Map.of(Signal.LOGS, rows(10)), 1);
      assertThat(store.writing.await(30, TimeUnit.SECONDS)).as("the first write started").isTrue();
      List<CompletableFuture<Void>> waiting = new ArrayList<>();
      for (int request = 0; request < 4; request++) {
        waiting.add(pipeline.submit(Map.of(Signal.LOGS, rows(10)), 1));
      }
      assertThat(waiting).noneMatch(CompletableFuture::isDone);
      assertThat(first).isNotDone();

      store.open.countDown();
      first.get(30, TimeUnit.SECONDS);
      CompletableFuture.allOf(waiting.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
    }
    // The first request alone, then the three that reached the row limit, then the last one.
    assertThat(segments(store)).extracting(List::size).containsExactlyInAnyOrder(10, 30, 10);
  }

  /** Submits {@code rowCount} rows in one request to an idle pipeline and returns each segment's stream fingerprints. */
  private List<List<Long>> flushOneBatch(int flushThreads, int rowCount) throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir);
    BatchConfig batches = new BatchConfig(50_000, 64L << 20, Duration.ofMillis(20), flushThreads);
    try (IngestPipeline pipeline =
        new IngestPipeline(store, WalConfig.defaults(), batches, "test", new SimpleMeterRegistry())) {
      pipeline.submit(Map.of(Signal.LOGS, rows(rowCount)), 1).get(30, TimeUnit.SECONDS);
    }
    return segments(store);
  }

  /** Each logs segment's stream fingerprints, in offset order per shard. */
  private static List<List<Long>> segments(ObjectStore store) {
    List<List<Long>> segments = new ArrayList<>();
    WalReader reader = new WalReader(store);
    for (int shard : reader.shards(Signal.LOGS)) {
      for (WalSegment segment : reader.segmentsAbove(Signal.LOGS, shard, 0)) {
        segments.add(fingerprintsIn(reader, segment));
      }
    }
    return segments;
  }

  private static List<Long> fingerprintsIn(WalReader reader, WalSegment segment) {
    List<Long> fingerprints = new ArrayList<>();
    try (CloseableIterable<Record> rows = reader.readAll(segment.key())) {
      rows.forEach(row -> fingerprints.add((Long) row.getField(Columns.STREAM_FINGERPRINT)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fingerprints;
  }

  /** A local store whose segment writes wait for {@link #open}, and tell when the first one started. */
  private static final class GatedStore extends ForwardingStore {
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);

    GatedStore(ObjectStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<String> createIfAbsent(String key, byte[] data) {
      writing.countDown();
      try {
        if (!open.await(60, TimeUnit.SECONDS)) {
          throw new ObjectStoreException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ObjectStoreException("interrupted", e);
      }
      return super.createIfAbsent(key, data);
    }
  }

  /** Rows of one stream each, in reverse fingerprint order so that each segment's sort is visible. */
  private static List<Record> rows(int count) {
    List<Record> rows = new ArrayList<>(count);
    for (int i = count - 1; i >= 0; i--) {
      GenericRecord row = GenericRecord.create(FloeTables.LOGS.schema());
      row.setField(Columns.TENANT_ID, "tenant-a");
      row.setField(Columns.TIMESTAMP, START_MICROS);
      row.setField(Columns.TIMESTAMP_NANOS, 0);
      row.setField(Columns.SERVICE_NAME, "checkout");
      row.setField(Columns.STREAM_LABELS, "{service_name=\"checkout\"}");
      row.setField(Columns.STREAM_FINGERPRINT, FIRST_STREAM + i);
      rows.add(row);
    }
    return rows;
  }

  private static List<Long> fingerprints(int count) {
    List<Long> fingerprints = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fingerprints.add(FIRST_STREAM + i);
    }
    return fingerprints;
  }
}
