package dev.floe.query.scan;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Parsed Parquet footers of the files scans open, by location and length, least recently used out
 * first. Data files and WAL segments never change once written, and parsing a footer (a thrift
 * message of every column chunk's statistics) is most of what a scan pays for a file it then skips,
 * as a trace by id does for nearly all of them. Bounded by the column chunks it describes. Thread-safe.
 */
final class FooterCache {
  private final long maxChunks;
  private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long chunks;

  private record Entry(ParquetMetadata footer, long chunks) {}

  FooterCache(long maxChunks) {
    this.maxChunks = maxChunks;
  }

  synchronized ParquetMetadata get(String key) {
    Entry entry = entries.get(key);
    return entry == null ? null : entry.footer();
  }

  synchronized void put(String key, ParquetMetadata footer) {
    long weight = 1;
    for (BlockMetaData block : footer.getBlocks()) {
      weight += block.getColumns().size();
    }
    if (weight > maxChunks) {
      return;
    }
    Entry previous = entries.put(key, new Entry(footer, weight));
    chunks += weight - (previous == null ? 0 : previous.chunks());
    Iterator<Entry> eldest = entries.values().iterator();
    while (chunks > maxChunks && eldest.hasNext()) {
      chunks -= eldest.next().chunks();
      eldest.remove();
    }
  }
}
