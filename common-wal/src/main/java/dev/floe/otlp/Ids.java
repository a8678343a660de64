package dev.floe.otlp;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;

/** Checks and converts OTLP trace and span ids. */
final class Ids {
  static final int TRACE_ID_BYTES = 16;
  static final int SPAN_ID_BYTES = 8;

  private Ids() {}

  /** The problem with an id that may be empty, or null if it has none. */
  static String checkOptional(String field, ByteString id, int length) {
    int size = id.size();
    return size == 0 || size == length ? null : wrongLength(field, length, size);
  }

  /** The problem with an id that must have exactly {@code length} bytes, or null if it has none. */
  static String checkExact(String field, ByteString id, int length) {
    int size = id.size();
    return size == length ? null : wrongLength(field, length, size);
  }

  /** The problem with an id that must be set and not all zero, or null if it has none. */
  static String checkRequired(String field, ByteString id, int length) {
    int size = id.size();
    if (size != length) {
      return wrongLength(field, length, size);
    }
    for (int i = 0; i < size; i++) {
      if (id.byteAt(i) != 0) {
        return null;
      }
    }
    return field + " must not be all zero";
  }

  /**
   * The id as a fixed column value, or null when it is empty. The bytes are copied: a request parsed
   * with aliasing may share its buffer, and rows outlive the request.
   */
  static ByteBuffer toBuffer(ByteString id) {
    return id.isEmpty() ? null : ByteBuffer.wrap(id.toByteArray());
  }

  private static String wrongLength(String field, int length, int size) {
    return field + " must be " + length + " bytes, got " + size;
  }
}
