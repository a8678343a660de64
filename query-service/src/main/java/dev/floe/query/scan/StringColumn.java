package dev.floe.query.scan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;

/**
 * A column of strings (or fixed and binary values) in a {@link ColumnBatch}.
 *
 * <p>Values are kept as raw bytes, all in one array, and turned into a {@link String} only when
 * asked for; byte-level tests ({@link #contains}) need no decoding and no allocation. Where a page is
 * dictionary-encoded, rows carry a dictionary id: a consumer can decide once per distinct value
 * ({@link #dictionaryValue}) instead of once per row. Ids are stable for the whole row group, so
 * across the batches of one row group. Valid until the consumer returns from {@link
 * BatchConsumer#accept}: the scan reuses it.
 */
public final class StringColumn {
  static final int NO_ID = -1;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  int[] ids = new int[0];
  boolean[] nulls = new boolean[0];
  private int[] starts = new int[0];
  private int[] lengths = new int[0];
  private byte[] data = new byte[1024];
  private int dataSize;
  private byte[] dictionaryData = new byte[0];
  private int[] dictionaryOffsets = new int[1];
  private int dictionarySize;
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
    return id == NO_ID ? new String(data, starts[row], lengths[row], StandardCharsets.UTF_8) : dictionaryValue(id);
  }

  /**
   * The raw bytes (UTF-8 for strings) without decoding them, for byte-level filters; null for a null
   * row. The buffer is a view on the column: read it, never write to it.
   */
  public ByteBuffer bytes(int row) {
    if (nulls[row]) {
      return null;
    }
    int id = ids[row];
    return id == NO_ID
        ? ByteBuffer.wrap(data, starts[row], lengths[row]).slice()
        : ByteBuffer.wrap(dictionaryData, dictionaryOffsets[id], dictionaryOffsets[id + 1] - dictionaryOffsets[id]).slice();
  }

  /** The length of the row's raw value in bytes; 0 for a null row. */
  public int length(int row) {
    if (nulls[row]) {
      return 0;
    }
    int id = ids[row];
    return id == NO_ID ? lengths[row] : dictionaryOffsets[id + 1] - dictionaryOffsets[id];
  }

  /**
   * Whether the row's raw bytes hold {@code needle} (for a string, whether it contains the string
   * whose UTF-8 {@code needle} is); false for a null row. Decodes nothing and allocates nothing.
   */
  public boolean contains(int row, byte[] needle) {
    if (nulls[row]) {
      return false;
    }
    int id = ids[row];
    return id == NO_ID
        ? indexOf(data, starts[row], starts[row] + lengths[row], needle) >= 0
        : indexOf(dictionaryData, dictionaryOffsets[id], dictionaryOffsets[id + 1], needle) >= 0;
  }

  /** Whether the (non-null, not dictionary-encoded) row's bytes are {@code value}. */
  boolean valueEquals(int row, byte[] value) {
    return Arrays.equals(data, starts[row], starts[row] + lengths[row], value, 0, value.length);
  }

  /**
   * Where {@code needle} first occurs in {@code bytes[from, to)}, or -1. Eight positions are tested
   * at once for the needle's first two bytes: in {@code word ^ pattern} a matching byte is zero, and
   * the zero-byte test flags every zero byte (and, rarely, a byte above one), so each flagged position
   * is only a candidate, checked in full.
   */
  static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
    if (needle.length == 0) {
      return from <= to ? from : -1;
    }
    int last = to - needle.length;
    long first = (needle[0] & 0xffL) * LOW_BITS;
    long second = needle.length > 1 ? (needle[1] & 0xffL) * LOW_BITS : 0;
    int at = from;
    while (at <= last && at + Long.BYTES + 1 <= to) {
      long candidates = zeroBytes((long) LONGS.get(bytes, at) ^ first);
      if (needle.length > 1) {
        candidates &= zeroBytes((long) LONGS.get(bytes, at + 1) ^ second);
      }
      while (candidates != 0) {
        int candidate = at + (Long.numberOfTrailingZeros(candidates) >>> 3);
        if (candidate > last) {
          return -1;
        }
        if (matchesAt(bytes, candidate, needle)) {
          return candidate;
        }
        candidates &= candidates - 1;
      }
      at += Long.BYTES;
    }
    for (; at <= last; at++) {
      if (matchesAt(bytes, at, needle)) {
        return at;
      }
    }
    return -1;
  }

  /** The high bit of every zero byte of {@code word} set, and possibly of bytes above a zero byte. */
  private static long zeroBytes(long word) {
    return (word - LOW_BITS) & ~word & HIGH_BITS;
  }

  /** Whether {@code needle} is at {@code at}: last byte first, then the rest. */
  private static boolean matchesAt(byte[] bytes, int at, byte[] needle) {
    int last = needle.length - 1;
    if (bytes[at + last] != needle[last]) {
      return false;
    }
    for (int i = 0; i < last; i++) {
      if (bytes[at + i] != needle[i]) {
        return false;
      }
    }
    return true;
  }

  /** The row's dictionary id, or -1 when its page is not dictionary-encoded or the row is null. */
  public int dictionaryId(int row) {
    return nulls[row] ? NO_ID : ids[row];
  }

  /** The value of dictionary id {@code id}, decoded once per row group. */
  public String dictionaryValue(int id) {
    String value = decoded[id];
    if (value == null) {
      value = new String(dictionaryData, dictionaryOffsets[id], dictionaryOffsets[id + 1] - dictionaryOffsets[id],
          StandardCharsets.UTF_8);
      decoded[id] = value;
    }
    return value;
  }

  /** Number of dictionary ids of the current row group; 0 when there is no dictionary. */
  public int dictionarySize() {
    return dictionarySize;
  }

  /** Takes a Parquet dictionary (from parquet-mr's column reader), copying its values. */
  void dictionary(Dictionary value) {
    if (value == null) {
      dictionary(new byte[0], new int[1], 0);
      return;
    }
    int size = value.getMaxId() + 1;
    int[] offsets = new int[size + 1];
    byte[] bytes = new byte[64];
    for (int id = 0; id < size; id++) {
      ByteBuffer entry = value.decodeToBinary(id).toByteBuffer();
      int length = entry.remaining();
      if (offsets[id] + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(offsets[id] + length, bytes.length * 2));
      }
      entry.get(bytes, offsets[id], length);
      offsets[id + 1] = offsets[id] + length;
    }
    dictionary(bytes, offsets, size);
  }

  /** Sets the dictionary of the current row group: entry {@code id} is {@code bytes[offsets[id], offsets[id+1])}. */
  void dictionary(byte[] bytes, int[] offsets, int size) {
    dictionaryData = bytes;
    dictionaryOffsets = offsets;
    dictionarySize = size;
    decoded = new String[size];
  }

  void ensure(int size) {
    if (ids.length < size) {
      int capacity = Math.max(size, ids.length * 2);
      ids = Arrays.copyOf(ids, capacity);
      nulls = Arrays.copyOf(nulls, capacity);
      starts = Arrays.copyOf(starts, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
    }
  }

  void set(int row, Binary value) {
    ByteBuffer bytes = value.toByteBuffer();
    int length = bytes.remaining();
    int start = reserve(row, length);
    bytes.get(data, start, length);
  }

  /** Stores {@code bytes[from, from+length)} as the row's value: a copy, so the page can go. */
  void set(int row, byte[] bytes, int from, int length) {
    int start = reserve(row, length);
    System.arraycopy(bytes, from, data, start, length);
  }

  /**
   * Makes room for the row's value of {@code length} bytes and returns where it goes. Decoders write
   * a batch's rows from row 0, so row 0 starts the column's bytes afresh.
   */
  private int reserve(int row, int length) {
    restartAt(row);
    if (dataSize + length > data.length) {
      data = Arrays.copyOf(data, Math.max(dataSize + length, data.length * 2));
    }
    int start = dataSize;
    starts[row] = start;
    lengths[row] = length;
    ids[row] = NO_ID;
    nulls[row] = false;
    dataSize += length;
    return start;
  }

  private void restartAt(int row) {
    if (row == 0) {
      dataSize = 0;
    }
  }

  void setId(int row, int id) {
    restartAt(row);
    ids[row] = id;
    nulls[row] = false;
  }

  void setNull(int row) {
    restartAt(row);
    ids[row] = NO_ID;
    nulls[row] = true;
    lengths[row] = 0;
  }

  /** Keeps the rows whose {@code keep} flag is set, in order. */
  void retain(boolean[] keep, int rows) {
    int out = 0;
    for (int row = 0; row < rows; row++) {
      if (keep[row]) {
        ids[out] = ids[row];
        starts[out] = starts[row];
        lengths[out] = lengths[row];
        nulls[out++] = nulls[row];
      }
    }
  }
}
