package dev.floe.wal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.parquet.ParquetValueWriters;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.api.Binary;

/**
 * Writes a string column, converting each distinct value to its UTF-8 Parquet binary once: rows
 * repeat resource and scope attributes, stream labels, service names and attribute keys, which
 * would otherwise be encoded and allocated again for every row. Handing Parquet the same binary
 * also lets its dictionary find the value by identity instead of comparing bytes.
 *
 * <p>The cache lives as long as the writer, one segment. It is bounded, and a column whose values
 * rarely repeat (log bodies) stops using it after a first sample of values.
 */
final class CachedStringWriter extends ParquetValueWriters.PrimitiveWriter<CharSequence> {
  private static final int MAX_ENTRIES = 4096;
  private static final int SAMPLE = 1024;

  private final Map<String, Binary> cache = new HashMap<>();
  private boolean caching = true;
  private int lookups;
  private int hits;

  CachedStringWriter(ColumnDescriptor column) {
    super(column);
  }

  @Override
  public void write(int repetitionLevel, CharSequence value) {
    column.writeBinary(repetitionLevel, binary(value.toString()));
  }

  /** Writes a value {@link #binary} converted. */
  void write(int repetitionLevel, Binary value) {
    column.writeBinary(repetitionLevel, value);
  }

  void writeNull(int repetitionLevel, int definitionLevel) {
    column.writeNull(repetitionLevel, definitionLevel);
  }

  /** The UTF-8 binary of {@code text}, the same instance for a repeated value while caching. */
  Binary binary(String text) {
    if (!caching) {
      return utf8(text);
    }
    Binary binary = cache.get(text);
    if (binary != null) {
      hits++;
    } else {
      binary = utf8(text);
      if (cache.size() < MAX_ENTRIES) {
        cache.put(text, binary);
      }
    }
    if (++lookups == SAMPLE && hits < SAMPLE / 4) {
      caching = false;
      cache.clear();
    }
    return binary;
  }

  /**
   * The same bytes as {@link Binary#fromString}, backed by an array instead of a buffer: Parquet's
   * statistics and dictionary compare and hash every value, which reads arrays several times
   * faster than buffers.
   */
  private static Binary utf8(String text) {
    return Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
  }
}
