package dev.floe.query.scan;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;

/**
 * A column of strings (or fixed and binary values) in a {@link ColumnBatch}.
 *
 * <p>Values are kept as the Parquet pages hold them and turned into a {@link String} only when
 * asked for. Where a page is dictionary-encoded, rows carry a dictionary id: a consumer can decide
 * once per distinct value ({@link #dictionaryValue}) instead of once per row. Ids are stable for the
 * whole row group, so across the batches of one row group. Valid until the consumer returns from
 * {@link BatchConsumer#accept}: the scan reuses it.
 */
public final class StringColumn {
  static final int NO_ID = -1;

  Binary[] values = new Binary[0];
  int[] ids = new int[0];
  boolean[] nulls = new boolean[0];
  private Dictionary dictionary;
  private String[] decoded = new String[0];

  StringColumn() {}

  public boolean isNull(int row) {
    return nulls[row];
  }

  /** The value, decoded from UTF-8; null for a null row. */
  public String get(int row) {
    if (nulls[row]) {
      return null;
    }
    int id = ids[row];
    return id == NO_ID ? values[row].toStringUsingUTF8() : dictionaryValue(id);
  }

  /**
   * The raw bytes (UTF-8 for strings) without decoding them, for byte-level filters; null for a null
   * row. The buffer is a view on the page or dictionary: read it, never write to it.
   */
  public ByteBuffer bytes(int row) {
    if (nulls[row]) {
      return null;
    }
    int id = ids[row];
    Binary value = id == NO_ID ? values[row] : dictionary.decodeToBinary(id);
    return value.toByteBuffer();
  }

  /** The row's dictionary id, or -1 when its page is not dictionary-encoded or the row is null. */
  public int dictionaryId(int row) {
    return nulls[row] ? NO_ID : ids[row];
  }

  /** The value of dictionary id {@code id}, decoded once per row group. */
  public String dictionaryValue(int id) {
    String value = decoded[id];
    if (value == null) {
      value = dictionary.decodeToBinary(id).toStringUsingUTF8();
      decoded[id] = value;
    }
    return value;
  }

  /** Number of dictionary ids of the current row group; 0 when there is no dictionary. */
  public int dictionarySize() {
    return dictionary == null ? 0 : dictionary.getMaxId() + 1;
  }

  void dictionary(Dictionary value) {
    if (value != dictionary) {
      dictionary = value;
      decoded = new String[value == null ? 0 : value.getMaxId() + 1];
    }
  }

  void ensure(int size) {
    if (values.length < size) {
      int capacity = Math.max(size, values.length * 2);
      values = Arrays.copyOf(values, capacity);
      ids = Arrays.copyOf(ids, capacity);
      nulls = Arrays.copyOf(nulls, capacity);
    }
  }

  void set(int row, Binary value) {
    values[row] = value;
    ids[row] = NO_ID;
    nulls[row] = false;
  }

  void setId(int row, int id) {
    values[row] = null;
    ids[row] = id;
    nulls[row] = false;
  }

  void setNull(int row) {
    values[row] = null;
    ids[row] = NO_ID;
    nulls[row] = true;
  }

  /** Keeps the rows whose {@code keep} flag is set, in order. */
  void retain(boolean[] keep, int rows) {
    int out = 0;
    for (int row = 0; row < rows; row++) {
      if (keep[row]) {
        values[out] = values[row];
        ids[out] = ids[row];
        nulls[out++] = nulls[row];
      }
    }
  }
}
