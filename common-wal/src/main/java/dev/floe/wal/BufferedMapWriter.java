package dev.floe.wal;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.ParquetValueWriters;

/**
 * Iceberg's map writer, except that it visits a map's entries with {@link Map#forEach} into
 * arrays it reuses for every row, instead of iterating the entry set: rows repeat their resource's
 * attributes, and an entry-set iterator allocates an entry object (two through an unmodifiable
 * view) for each of them. Same levels, same values, same order.
 */
final class BufferedMapWriter<K, V> extends ParquetValueWriters.RepeatedKeyValueWriter<Map<K, V>, K, V> {
  private final Entries<K, V> entries = new Entries<>();

  BufferedMapWriter(
      int definitionLevel, int repetitionLevel, ParquetValueWriter<K> keyWriter, ParquetValueWriter<V> valueWriter) {
    super(definitionLevel, repetitionLevel, keyWriter, valueWriter);
  }

  @Override
  protected Iterator<Map.Entry<K, V>> pairs(Map<K, V> map) {
    return entries.of(map);
  }

  /**
   * One map's entries, and an iterator over them that hands out one mutable entry: the writer
   * reads each entry before it asks for the next.
   */
  private static final class Entries<K, V> implements Iterator<Map.Entry<K, V>>, Map.Entry<K, V> {
    private final BiConsumer<K, V> collector = this::add;
    private Object[] keys = new Object[16];
    private Object[] values = new Object[16];
    private int size;
    private int next;

    /** Takes the entries of {@code map}; the arrays keep the previous row's until overwritten, for one segment at most. */
    Entries<K, V> of(Map<K, V> map) {
      size = 0;
      next = -1;
      map.forEach(collector);
      return this;
    }

    private void add(K key, V value) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size] = value;
      size++;
    }

    @Override
    public boolean hasNext() {
      return next + 1 < size;
    }

    @Override
    public Map.Entry<K, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      next++;
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getKey() {
      return (K) keys[next];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getValue() {
      return (V) values[next];
    }

    @Override
    public V setValue(V value) {
      throw new UnsupportedOperationException("map entries being written are read-only");
    }
  }
}
