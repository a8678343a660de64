package dev.floe.wal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.iceberg.FieldMetrics;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.TripleWriter;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.io.api.Binary;

/**
 * Writes a map of strings to strings with the levels and values of Iceberg's map writer, converting
 * each map a segment repeats only once.
 *
 * <p>Every row carries its resource's attributes, and all rows of one resource in one request share
 * one map object. The first time this writer sees a map it converts the entries to Parquet binaries
 * and, while most maps of the column do repeat, remembers them by the map's identity; the rows that
 * follow write the remembered binaries without reading the map. A column whose maps rarely repeat
 * (each record's own attributes) stops remembering after a first sample. Maps handed to the encoder
 * are never changed afterwards, which makes identity safe for the one segment this writer lives.
 */
final class StringMapWriter implements ParquetValueWriter<Map<String, String>> {
  private static final int MAX_REMEMBERED = 4096;
  private static final int SAMPLE = 1024;

  private final int definitionLevel;
  private final int repetitionLevel;
  private final int valueDefinitionLevel;
  private final CachedStringWriter keys;
  private final CachedStringWriter values;
  private final List<TripleWriter<?>> columns;
  private final Map<Map<String, String>, Entries> remembered = new IdentityHashMap<>();
  private final Entries scratch = new Entries(16);
  private final BiConsumer<String, String> collector = this::add;
  private Entries filling;
  private boolean remembering = true;
  private int lookups;
  private int hits;

  /**
   * @param definitionLevel the definition level of a present, non-empty map
   * @param repetitionLevel the repetition level of the map's entries
   * @param valueDefinitionLevel the definition level of a present value
   */
  StringMapWriter(
      int definitionLevel,
      int repetitionLevel,
      int valueDefinitionLevel,
      CachedStringWriter keys,
      CachedStringWriter values) {
    this.definitionLevel = definitionLevel;
    this.repetitionLevel = repetitionLevel;
    this.valueDefinitionLevel = valueDefinitionLevel;
    this.keys = keys;
    this.values = values;
    List<TripleWriter<?>> both = new ArrayList<>(keys.columns());
    both.addAll(values.columns());
    this.columns = List.copyOf(both);
  }

  @Override
  public void write(int parentRepetition, Map<String, String> map) {
    Entries entries = entriesOf(map);
    if (entries.size == 0) {
      keys.writeNull(parentRepetition, definitionLevel - 1);
      values.writeNull(parentRepetition, definitionLevel - 1);
      return;
    }
    for (int i = 0; i < entries.size; i++) {
      int level = i == 0 ? parentRepetition : repetitionLevel;
      keys.write(level, entries.keys[i]);
      Binary value = entries.values[i];
      if (value == null) {
        values.writeNull(level, valueDefinitionLevel - 1);
      } else {
        values.write(level, value);
      }
    }
  }

  private Entries entriesOf(Map<String, String> map) {
    if (!remembering) {
      return fill(scratch, map);
    }
    Entries entries = remembered.get(map);
    if (entries != null) {
      hits++;
    } else if (remembered.size() < MAX_REMEMBERED) {
      entries = fill(new Entries(map.size()), map);
      remembered.put(map, entries);
    } else {
      entries = fill(scratch, map);
    }
    if (++lookups == SAMPLE && hits < SAMPLE / 4) {
      remembering = false;
      remembered.clear();
    }
    return entries;
  }

  private Entries fill(Entries entries, Map<String, String> map) {
    entries.size = 0;
    filling = entries;
    map.forEach(collector);
    filling = null;
    return entries;
  }

  private void add(String key, String value) {
    filling.add(keys.binary(key), value == null ? null : values.binary(value));
  }

  @Override
  public List<TripleWriter<?>> columns() {
    return columns;
  }

  @Override
  public void setColumnStore(ColumnWriteStore columnStore) {
    keys.setColumnStore(columnStore);
    values.setColumnStore(columnStore);
  }

  @Override
  public Stream<FieldMetrics<?>> metrics() {
    return Stream.concat(keys.metrics(), values.metrics());
  }

  /** A map's entries as Parquet binaries, in the map's iteration order. */
  private static final class Entries {
    private Binary[] keys;
    private Binary[] values;
    private int size;

    Entries(int capacity) {
      keys = new Binary[Math.max(1, capacity)];
      values = new Binary[keys.length];
    }

    void add(Binary key, Binary value) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      keys[size] = key;
      values[size] = value;
      size++;
    }
  }
}
