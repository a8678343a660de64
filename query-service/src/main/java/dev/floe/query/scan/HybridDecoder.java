package dev.floe.query.scan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parquet's RLE / bit-packing hybrid encoding of small integers (repetition and definition levels,
 * dictionary ids), read from a byte array: runs of one repeated value, and groups of eight values
 * packed at {@code bitWidth} bits each, least significant bit first. Unpacks eight values at a time.
 */
final class HybridDecoder implements SmallInts {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] data;
  private final int end;
  private final int bitWidth;
  private final int mask;
  private final int[] group = new int[8];
  private int position;
  private int left;
  private boolean packed;
  private int repeated;
  private int groupIndex = 8;

  /** Values in {@code data[from, to)}, each {@code bitWidth} (0 to 32) bits wide. */
  HybridDecoder(byte[] data, int from, int to, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IllegalArgumentException("a bit width of " + bitWidth);
    }
    this.data = data;
    this.position = from;
    this.end = to;
    this.bitWidth = bitWidth;
    this.mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
  }

  @Override
  public int next() {
    if (left == 0) {
      readHeader();
    }
    left--;
    if (!packed) {
      return repeated;
    }
    if (groupIndex == 8) {
      unpackGroup();
    }
    return group[groupIndex++];
  }

  private void readHeader() {
    if (position >= end) {
      throw new IllegalStateException("RLE / bit-packed data ends before its values");
    }
    int header = readVarInt();
    if ((header & 1) == 0) {
      packed = false;
      left = header >>> 1;
      int value = 0;
      for (int i = 0, bytes = (bitWidth + 7) / 8; i < bytes; i++) {
        value |= (data[position++] & 0xff) << (8 * i);
      }
      repeated = value;
    } else {
      packed = true;
      left = (header >>> 1) * 8;
      groupIndex = 8;
    }
    if (left == 0) {
      readHeader();
    }
  }

  /** Decodes the next {@code count} values into {@code into[0, count)}. */
  void readInto(int[] into, int count) {
    int at = 0;
    while (at < count) {
      if (left == 0) {
        readHeader();
      }
      int take = Math.min(left, count - at);
      left -= take;
      if (!packed) {
        Arrays.fill(into, at, at + take, repeated);
        at += take;
      } else {
        for (int end = at + take; at < end; at++) {
          if (groupIndex == 8) {
            unpackGroup();
          }
          into[at] = group[groupIndex++];
        }
      }
    }
  }

  /** Moves past the next {@code count} values, unpacking no more than one group. */
  void skip(int count) {
    while (count > 0) {
      if (left == 0) {
        readHeader();
      }
      int skipped = Math.min(count, left);
      left -= skipped;
      count -= skipped;
      if (packed) {
        int rest = skipped;
        int fromGroup = Math.min(rest, 8 - groupIndex);
        groupIndex += fromGroup;
        rest -= fromGroup;
        position += (rest / 8) * bitWidth;
        if (rest % 8 > 0) {
          unpackGroup();
          groupIndex = rest % 8;
        }
      }
    }
  }

  private void unpackGroup() {
    if (bitWidth <= 8 && position + bitWidth <= end) {
      // Eight values of at most 8 bits fit in one long.
      long word = 0;
      for (int k = 0; k < bitWidth; k++) {
        word |= (data[position + k] & 0xffL) << (8 * k);
      }
      for (int i = 0; i < 8; i++) {
        group[i] = (int) (word >>> (i * bitWidth)) & mask;
      }
    } else {
      for (int i = 0; i < 8; i++) {
        int bit = i * bitWidth;
        int at = position + (bit >>> 3);
        long word;
        if (at + 8 <= data.length) {
          word = (long) LONGS.get(data, at);
        } else {
          word = 0;
          for (int k = 0, bytes = Math.min(5, end - at); k < bytes; k++) {
            word |= (data[at + k] & 0xffL) << (8 * k);
          }
        }
        group[i] = (int) (word >>> (bit & 7)) & mask;
      }
    }
    position += bitWidth;
    groupIndex = 0;
  }

  private int readVarInt() {
    int value = 0;
    for (int shift = 0; ; shift += 7) {
      int b = data[position++] & 0xff;
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }
}
