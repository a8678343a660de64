package dev.floe.push;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/** Small helpers for decoding protobuf by hand with {@link CodedInputStream}. */
final class ProtoFields {
  private ProtoFields() {}

  /** Enters an embedded message: returns the old limit, to give back to {@link CodedInputStream#popLimit}. */
  static int enter(CodedInputStream in, int tag, String field) throws IOException {
    require(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
    int length = in.readRawVarint32();
    if (length < 0) {
      throw new PushFormatException("malformed protobuf: negative length of " + field);
    }
    return in.pushLimit(length);
  }

  /** Fails unless the field has the wire type its schema gives it. */
  static void require(int tag, int wireType, String field) {
    if (WireFormat.getTagWireType(tag) != wireType) {
      throw new PushFormatException(
          "malformed protobuf: " + field + " has wire type " + WireFormat.getTagWireType(tag) + ", expected " + wireType);
    }
  }

  /** Whether a repeated scalar field comes packed (length-delimited) rather than one value per tag. */
  static boolean packed(int tag) {
    return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  static int fieldNumber(int tag) {
    return WireFormat.getTagFieldNumber(tag);
  }

  /** A decoding failure of the protobuf library as this package reports it. */
  static PushFormatException malformed(String what, IOException e) {
    return new PushFormatException("malformed protobuf " + what + ": " + e.getMessage(), e);
  }
}
