package dev.floe.push;

import io.airlift.compress.snappy.SnappyDecompressor;

/**
 * Snappy's block format (not the framed stream format), as Loki push and Prometheus remote write
 * compress their protobuf bodies. The declared length is checked before anything is allocated, so
 * a small body claiming a huge payload costs nothing.
 */
public final class SnappyBlock {
  private SnappyBlock() {}

  /**
   * @throws PushFormatException if {@code block} is not valid snappy
   * @throws PayloadTooLargeException if it decompresses to more than {@code maxBytes}
   */
  public static byte[] decompress(byte[] block, long maxBytes) {
    int length;
    try {
      length = SnappyDecompressor.getUncompressedLength(block, 0);
    } catch (RuntimeException e) {
      throw new PushFormatException("body is not snappy-compressed: " + e.getMessage(), e);
    }
    if (length < 0 || length > maxBytes) {
      throw new PayloadTooLargeException(
          "snappy body declares " + Integer.toUnsignedLong(length) + " bytes, more than the limit of " + maxBytes);
    }
    byte[] out = new byte[length];
    try {
      int written = new SnappyDecompressor().decompress(block, 0, block.length, out, 0, length);
      if (written != length) {
        throw new PushFormatException("snappy body decompressed to " + written + " bytes instead of " + length);
      }
    } catch (PushFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new PushFormatException("body is not valid snappy: " + e.getMessage(), e);
    }
    return out;
  }

  /** A body that decompresses to more than the limit. */
  public static final class PayloadTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PayloadTooLargeException(String message) {
      super(message);
    }
  }
}
