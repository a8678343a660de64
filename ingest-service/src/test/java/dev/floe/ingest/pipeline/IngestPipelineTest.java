package dev.floe.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.config.WalConfig;
import dev.floe.schema.Columns;
import dev.floe.schema.FloeTables;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
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

  /** Submits {@code rowCount} rows in one request to an idle pipeline and returns each segment's stream fingerprints. */
  private List<List<Long>> flushOneBatch(int flushThreads, int rowCount) throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir);
    BatchConfig batches = new BatchConfig(50_000, 64L << 20, Duration.ofMillis(20), flushThreads);
    try (IngestPipeline pipeline =
        new IngestPipeline(store, WalConfig.defaults(), batches, "test", new SimpleMeterRegistry())) {
      pipeline.submit(Map.of(Signal.LOGS, rows(rowCount)), 1).get(30, TimeUnit.SECONDS);
    }
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
