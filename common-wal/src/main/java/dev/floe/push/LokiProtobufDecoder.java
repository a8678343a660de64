package dev.floe.push;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Loki's {@code logproto.PushRequest} (after snappy): {@code streams = 1} of {@code
 * StreamAdapter {labels = 1; entries = 2; hash = 3}}, entries being {@code EntryAdapter {timestamp
 * = 1 (google.protobuf.Timestamp); line = 2; structuredMetadata = 3 ({name = 1; value = 2})}}.
 * Unknown fields are skipped, as protobuf requires.
 */
final class LokiProtobufDecoder {
  private LokiProtobufDecoder() {}

  static List<LokiStream> decode(byte[] body) {
    CodedInputStream in = CodedInputStream.newInstance(body);
    List<LokiStream> streams = new ArrayList<>();
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (ProtoFields.fieldNumber(tag) == 1) {
          int limit = ProtoFields.enter(in, tag, "PushRequest.streams");
          streams.add(stream(in));
          in.popLimit(limit);
        } else {
          in.skipField(tag);
        }
      }
    } catch (IOException e) {
      throw ProtoFields.malformed("Loki push request", e);
    }
    return streams;
  }

  private static LokiStream stream(CodedInputStream in) throws IOException {
    String labels = "";
    List<LokiStream.Entry> entries = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (ProtoFields.fieldNumber(tag)) {
        case 1 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "StreamAdapter.labels");
          labels = in.readStringRequireUtf8();
        }
        case 2 -> {
          int limit = ProtoFields.enter(in, tag, "StreamAdapter.entries");
          entries.add(entry(in));
          in.popLimit(limit);
        }
        default -> in.skipField(tag);
      }
    }
    return new LokiStream(labels, entries);
  }

  private static LokiStream.Entry entry(CodedInputStream in) throws IOException {
    long seconds = 0;
    int nanos = 0;
    String line = "";
    Map<String, String> metadata = Collections.emptyMap();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (ProtoFields.fieldNumber(tag)) {
        case 1 -> {
          int limit = ProtoFields.enter(in, tag, "EntryAdapter.timestamp");
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (ProtoFields.fieldNumber(t)) {
              case 1 -> {
                ProtoFields.require(t, WireFormat.WIRETYPE_VARINT, "Timestamp.seconds");
                seconds = in.readInt64();
              }
              case 2 -> {
                ProtoFields.require(t, WireFormat.WIRETYPE_VARINT, "Timestamp.nanos");
                nanos = in.readInt32();
              }
              default -> in.skipField(t);
            }
          }
          in.popLimit(limit);
        }
        case 2 -> {
          ProtoFields.require(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "EntryAdapter.line");
          line = in.readStringRequireUtf8();
        }
        case 3 -> {
          int limit = ProtoFields.enter(in, tag, "EntryAdapter.structuredMetadata");
          String name = "";
          String value = "";
          for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (ProtoFields.fieldNumber(t)) {
              case 1 -> {
                ProtoFields.require(t, WireFormat.WIRETYPE_LENGTH_DELIMITED, "LabelPairAdapter.name");
                name = in.readStringRequireUtf8();
              }
              case 2 -> {
                ProtoFields.require(t, WireFormat.WIRETYPE_LENGTH_DELIMITED, "LabelPairAdapter.value");
                value = in.readStringRequireUtf8();
              }
              default -> in.skipField(t);
            }
          }
          in.popLimit(limit);
          if (metadata.isEmpty()) {
            metadata = new LinkedHashMap<>();
          }
          metadata.put(name, value);
        }
        default -> in.skipField(tag);
      }
    }
    if (nanos < 0 || nanos > 999_999_999) {
      throw new PushFormatException("malformed protobuf Loki push request: timestamp nanos " + nanos + " out of range");
    }
    long time;
    try {
      time = Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    } catch (ArithmeticException e) {
      throw new PushFormatException("timestamp of " + seconds + " seconds is out of the nanosecond range");
    }
    return new LokiStream.Entry(time, line, metadata);
  }
}
