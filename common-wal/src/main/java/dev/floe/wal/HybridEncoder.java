package dev.floe.wal;

import java.util.Arrays;

/**
 * Parquet's RLE / bit-packing hybrid encoding of small integers (dictionary ids), written into one
 * array with the run decisions of Parquet's own encoder, so the bytes are the same: values go in
 * groups of eight; a group of eight equal values starts a run-length run that lasts as long as the
 * value repeats, and other groups are bit-packed, up to 63 groups under one header.
 *
 * <p>Parquet's encoder packs each group through a stream of buffer slabs; this one packs with a
 * 64-bit accumulator straight into its array, which made dictionary ids the cheaper part of a page.
 */
final class HybridEncoder {
  private static final int MAX_GROUPS_PER_RUN = 63;

  private final int bitWidth;
  private final long mask;
  private final int[] group = new int[8];
  private byte[] out;
  private int size;
  private int buffered;
  private int previous;
  private int repeats;
  /** Where the header of the open bit-packed run goes, or -1. */
  private int runHeader = -1;
  private int groupsInRun;

  HybridEncoder(int bitWidth, int expectedValues) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IllegalArgumentException("bit width must be 0 to 32, not " + bitWidth);
    }
    this.bitWidth = bitWidth;
    this.mask = bitWidth == 32 ? 0xFFFF_FFFFL : (1L << bitWidth) - 1;
    this.out = new byte[16 + (int) ((long) expectedValues * bitWidth / 8)];
  }

  void write(int value) {
    if (value == previous) {
      if (++repeats >= 8) {
        return;
      }
    } else {
      if (repeats >= 8) {
        writeRepeatedRun();
      }
      repeats = 1;
      previous = value;
    }
    group[buffered++] = value;
    if (buffered == 8) {
      writePackedGroup();
    }
  }

  /** The encoded values; the encoder is done. */
  byte[] toBytes() {
    if (repeats >= 8) {
      writeRepeatedRun();
    } else if (buffered > 0) {
      Arrays.fill(group, buffered, 8, 0);
      writePackedGroup();
    }
    closePackedRun();
    return Arrays.copyOf(out, size);
  }

  private void writePackedGroup() {
    if (groupsInRun >= MAX_GROUPS_PER_RUN) {
      closePackedRun();
    }
    ensure(1 + bitWidth);
    if (runHeader < 0) {
      runHeader = size++;
    }
    long bits = 0;
    int pending = 0;
    for (int value : group) {
      bits |= (value & mask) << pending;
      pending += bitWidth;
      while (pending >= 8) {
        out[size++] = (byte) bits;
        bits >>>= 8;
        pending -= 8;
      }
    }
    buffered = 0;
    repeats = 0;
    groupsInRun++;
  }

  private void closePackedRun() {
    if (runHeader >= 0) {
      out[runHeader] = (byte) ((groupsInRun << 1) | 1);
      runHeader = -1;
      groupsInRun = 0;
    }
  }

  private void writeRepeatedRun() {
    closePackedRun();
    ensure(5 + 4);
    for (int header = repeats << 1; ; header >>>= 7) {
      if ((header & ~0x7F) == 0) {
        out[size++] = (byte) header;
        break;
      }
      out[size++] = (byte) ((header & 0x7F) | 0x80);
    }
    for (int i = 0, bytes = (bitWidth + 7) / 8; i < bytes; i++) {
      out[size++] = (byte) (previous >>> (8 * i));
    }
    repeats = 0;
    buffered = 0;
  }

  private void ensure(int more) {
    if (size + more > out.length) {
      out = Arrays.copyOf(out, Math.max(size + more, out.length * 2));
    }
  }
}
