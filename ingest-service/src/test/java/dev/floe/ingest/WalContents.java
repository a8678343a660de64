package dev.floe.ingest;

import dev.floe.schema.Signal;
import dev.floe.store.ObjectStore;
import dev.floe.wal.SegmentEncoder;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.WalReader;
import dev.floe.wal.WalSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/** What the WAL in a store holds, read back with {@link WalReader} as compaction and queries read it. */
final class WalContents {
  private final ObjectStore store;
  private final WalReader reader;
  private final Set<SegmentKey> excluded;

  WalContents(ObjectStore store) {
    this(store, Set.of());
  }

  private WalContents(ObjectStore store, Set<SegmentKey> excluded) {
    this.store = store;
    this.reader = new WalReader(store);
    this.excluded = excluded;
  }

  /** Every segment there is now, of every signal. */
  Set<SegmentKey> mark() {
    Set<SegmentKey> keys = new HashSet<>();
    for (Signal signal : Signal.values()) {
      keys.addAll(segments(signal));
    }
    return keys;
  }

  /** The WAL without the segments of {@code mark}: what was written since, for tests that share a service. */
  WalContents since(Set<SegmentKey> mark) {
    return new WalContents(store, Set.copyOf(mark));
  }

  /** Every segment of a signal, shard by shard in offset order. */
  List<SegmentKey> segments(Signal signal) {
    List<SegmentKey> keys = new ArrayList<>();
    for (int shard : reader.shards(signal)) {
      for (WalSegment segment : reader.segmentsAbove(signal, shard, 0)) {
        if (!excluded.contains(segment.key())) {
          keys.add(segment.key());
        }
      }
    }
    return keys;
  }

  /** The offsets of each shard of a signal, in listing order. */
  Map<Integer, List<Long>> offsetsByShard(Signal signal) {
    Map<Integer, List<Long>> offsets = new TreeMap<>();
    for (SegmentKey key : segments(signal)) {
      offsets.computeIfAbsent(key.shard(), shard -> new ArrayList<>()).add(key.offset());
    }
    return offsets;
  }

  /** Every row of a signal. */
  List<Record> rows(Signal signal) {
    List<Record> rows = new ArrayList<>();
    for (SegmentKey key : segments(signal)) {
      rows.addAll(rows(key));
    }
    return rows;
  }

  List<Record> rows(SegmentKey key) {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> segment = reader.readAll(key)) {
      segment.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The log bodies of every logs row. */
  List<String> logBodies() {
    List<String> bodies = new ArrayList<>();
    for (Record row : rows(Signal.LOGS)) {
      bodies.add((String) row.getField("body"));
    }
    return bodies;
  }

  byte[] bytes(SegmentKey key) {
    return store.get(key.path()).orElseThrow().data();
  }

  /** The instance that wrote a segment, from the writer identity in its Parquet footer. */
  String writerOf(SegmentKey key) {
    try {
      Path file = Files.createTempFile("segment", ".parquet");
      try {
        Files.write(file, bytes(key));
        try (ParquetFileReader parquet = ParquetFileReader.open(new LocalInputFile(file))) {
          String writer = parquet.getFooter().getFileMetaData().getKeyValueMetaData().get(SegmentEncoder.WRITER_KEY);
          // "<instance>/<sequence>"
          return writer.substring(0, writer.lastIndexOf('/'));
        }
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of a fixed or binary column value. */
  static byte[] bytesOf(Object value) {
    if (value == null) {
      return null;
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
