package dev.floe.query.scan;

import dev.floe.store.ObjectNotFoundException;
import dev.floe.store.ObjectStore;
import dev.floe.wal.WalSegment;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WAL segment bytes by key, least recently used first out, bounded in bytes. Segments are
 * immutable, and every query reads the same ones until compaction moves the watermark past them,
 * so caching them saves most WAL reads. The listed size is part of the key, as a guard against a
 * key ever being written twice. Thread-safe.
 */
final class SegmentCache {
  private final ObjectStore store;
  private final long maxBytes;
  private final LinkedHashMap<WalSegment, byte[]> segments = new LinkedHashMap<>(16, 0.75f, true);
  private final ScanMeters meters;
  private long bytes;

  SegmentCache(ObjectStore store, long maxBytes, ScanMeters meters) {
    this.store = store;
    this.maxBytes = maxBytes;
    this.meters = meters;
  }

  /**
   * The bytes of {@code segment}, from the cache or the store.
   *
   * @throws ObjectNotFoundException if the segment was deleted (compacted and cleaned up)
   */
  byte[] get(WalSegment segment) {
    synchronized (this) {
      byte[] cached = segments.get(segment);
      if (cached != null) {
        meters.segmentCache(true);
        return cached;
      }
    }
    meters.segmentCache(false);
    String path = segment.key().path();
    byte[] data = store.get(path).orElseThrow(() -> new ObjectNotFoundException(path)).data();
    if (data.length <= maxBytes) {
      put(segment, data);
    }
    return data;
  }

  private synchronized void put(WalSegment segment, byte[] data) {
    byte[] previous = segments.put(segment, data);
    bytes += data.length - (previous == null ? 0 : previous.length);
    Iterator<Map.Entry<WalSegment, byte[]>> eldest = segments.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      bytes -= eldest.next().getValue().length;
      eldest.remove();
    }
  }
}
