package dev.floe.wal;

import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Parquet's PLAIN encoding of strings and longs into one growing array: the same bytes as
 * Parquet's {@code PlainValuesWriter}, which writes each length and number a byte at a time through
 * a stream of slabs. Log bodies, dictionary pages and columns that fell back from their dictionary
 * all go through here.
 *
 * <p>The bytes of {@link #getBytes()} stay valid until the next write after {@link #reset()}: Parquet
 * compresses a page before it resets the page's writers.
 */
final class PlainValues extends ValuesWriter {
  private byte[] bytes;
  private int size;

  PlainValues(int initialCapacity) {
    bytes = new byte[Math.max(64, initialCapacity)];
  }

  @Override
  public void writeBytes(Binary value) {
    int length = value.length();
    ensure(4 + length);
    putInt(length);
    // The value's own array when it holds exactly the value, as Floe's string binaries do; a copy otherwise.
    System.arraycopy(value.getBytesUnsafe(), 0, bytes, size, length);
    size += length;
  }

  @Override
  public void writeLong(long value) {
    ensure(8);
    putInt((int) value);
    putInt((int) (value >>> 32));
  }

  private void putInt(int value) {
    bytes[size] = (byte) value;
    bytes[size + 1] = (byte) (value >>> 8);
    bytes[size + 2] = (byte) (value >>> 16);
    bytes[size + 3] = (byte) (value >>> 24);
    size += 4;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
    }
  }

  @Override
  public long getBufferedSize() {
    return size;
  }

  @Override
  public BytesInput getBytes() {
    return BytesInput.from(bytes, 0, size);
  }

  @Override
  public Encoding getEncoding() {
    return Encoding.PLAIN;
  }

  @Override
  public void reset() {
    size = 0;
  }

  @Override
  public void close() {
    size = 0;
  }

  @Override
  public long getAllocatedSize() {
    return bytes.length;
  }

  @Override
  public String memUsageString(String prefix) {
    return prefix + " PlainValues " + size + " of " + bytes.length + " bytes";
  }
}
