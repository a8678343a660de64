package dev.floe.wal;

import dev.floe.schema.Signal;
import dev.floe.store.ObjectInfo;
import dev.floe.store.ObjectNotFoundException;
import dev.floe.store.ObjectStore;
import dev.floe.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.InternalReader;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.inmemory.InMemoryInputFile;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * Reads the WAL: which segments lie above a watermark, and their rows. This is the API that
 * compaction and queries use. Rows come back in Iceberg's internal representation, as written.
 */
public final class WalReader {
  private final ObjectStore store;

  public WalReader(ObjectStore store) {
    this.store = store;
  }

  /** The segments of one shard with an offset above {@code watermark}, in offset order. */
  public List<WalSegment> segmentsAbove(Signal signal, int shard, long watermark) {
    List<WalSegment> segments = new ArrayList<>();
    for (ObjectInfo info :
        store.listAll(SegmentKey.shardPrefix(signal, shard), SegmentKey.startAfter(signal, shard, watermark))) {
      SegmentKey.parse(info.key()).ifPresent(key -> segments.add(new WalSegment(key, info.size())));
    }
    return segments;
  }

  /** The shards of a signal that hold at least one segment, in ascending order. */
  public List<Integer> shards(Signal signal) {
    List<Integer> shards = new ArrayList<>();
    String prefix = SegmentKey.ROOT + signal.id() + '/';
    String after = "";
    while (true) {
      List<ObjectInfo> page = store.list(prefix, after, 1).objects();
      if (page.isEmpty()) {
        return shards;
      }
      String rest = page.get(0).key().substring(prefix.length());
      int slash = rest.indexOf('/');
      String shardText = slash < 0 ? rest : rest.substring(0, slash);
      try {
        shards.add(Integer.parseInt(shardText));
      } catch (NumberFormatException e) {
        // not a shard folder; skip past it
      }
      // The character after '/' sorts after every key of the shard folder: skip the whole folder.
      after = prefix + shardText + (char) ('/' + 1);
    }
  }

  /**
   * Reads the rows of one segment that may match {@code filter}, projected to {@code projection}.
   * Row groups whose statistics rule the filter out are skipped; rows of the remaining row groups
   * are returned as they are (the caller applies its own row-level filtering).
   *
   * @throws ObjectNotFoundException if the segment was deleted, so a query can re-plan
   */
  public CloseableIterable<Record> read(SegmentKey key, Schema projection, Expression filter) {
    StoredObject object = store.get(key.path()).orElseThrow(() -> new ObjectNotFoundException(key.path()));
    return Parquet.read(new InMemoryInputFile(key.path(), object.data()))
        .project(projection)
        .filter(filter == null ? Expressions.alwaysTrue() : filter)
        .createReaderFunc(fileSchema -> InternalReader.create(projection, fileSchema))
        .build();
  }

  /** Reads every row of a segment with the full schema of its signal's table. */
  public CloseableIterable<Record> readAll(SegmentKey key) {
    return read(key, key.signal().table().schema(), Expressions.alwaysTrue());
  }
}
