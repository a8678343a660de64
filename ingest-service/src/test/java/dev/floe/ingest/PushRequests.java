package dev.floe.ingest;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Loki push and Prometheus remote write bodies as their clients send them, written field by field
 * from the upstream .proto definitions (Loki's {@code logproto/push.proto}, Prometheus's {@code
 * prompb/remote.proto} and {@code types.proto}) with protobuf-java's {@link CodedOutputStream}.
 */
public final class PushRequests {
  private PushRequests() {}

  /** An embedded message under construction: its fields, then {@link #bytes()}. */
  public static final class Message {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

    public Message string(int field, String value) {
      return write(() -> out.writeString(field, value));
    }

    public Message message(int field, Message value) {
      return write(() -> out.writeByteArray(field, value.bytes()));
    }

    public Message int64(int field, long value) {
      return write(() -> out.writeInt64(field, value));
    }

    public Message int32(int field, int value) {
      return write(() -> out.writeInt32(field, value));
    }

    public Message uint64(int field, long value) {
      return write(() -> out.writeUInt64(field, value));
    }

    public Message sint32(int field, int value) {
      return write(() -> out.writeSInt32(field, value));
    }

    public Message uint32(int field, int value) {
      return write(() -> out.writeUInt32(field, value));
    }

    public Message double64(int field, double value) {
      return write(() -> out.writeDouble(field, value));
    }

    /** A packed {@code repeated sint64}, as proto3 encodes it by default. */
    public Message packedSint64(int field, long... values) {
      return write(() -> {
        int size = 0;
        for (long value : values) {
          size += CodedOutputStream.computeSInt64SizeNoTag(value);
        }
        out.writeTag(field, 2);
        out.writeUInt32NoTag(size);
        for (long value : values) {
          out.writeSInt64NoTag(value);
        }
      });
    }

    public byte[] bytes() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return buffer.toByteArray();
    }

    private Message write(IoAction action) {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  public static Message message() {
    return new Message();
  }

  // Loki: PushRequest{streams=1}; StreamAdapter{labels=1, entries=2};
  // EntryAdapter{timestamp=1, line=2, structuredMetadata=3}; LabelPairAdapter{name=1, value=2}.

  public static Message lokiStream(String labels, Message... entries) {
    Message stream = message().string(1, labels);
    for (Message entry : entries) {
      stream.message(2, entry);
    }
    return stream;
  }

  /** An entry at {@code unixNanos}; {@code metadata} are name-value pairs. */
  public static Message lokiEntry(long unixNanos, String line, String... metadata) {
    Message entry =
        message()
            .message(1, message().int64(1, Math.floorDiv(unixNanos, 1_000_000_000L)).int32(2, (int) Math.floorMod(unixNanos, 1_000_000_000L)))
            .string(2, line);
    for (int i = 0; i < metadata.length; i += 2) {
      entry.message(3, message().string(1, metadata[i]).string(2, metadata[i + 1]));
    }
    return entry;
  }

  public static byte[] lokiPush(Message... streams) {
    Message request = message();
    for (Message stream : streams) {
      request.message(1, stream);
    }
    return request.bytes();
  }

  // Prometheus: WriteRequest{timeseries=1, metadata=3}; TimeSeries{labels=1, samples=2, exemplars=3,
  // histograms=4}; Label{name=1, value=2}; Sample{value=1, timestamp=2};
  // MetricMetadata{type=1, metric_family_name=2, help=4, unit=5}.

  /** A series with {@code labels} as name-value pairs and no samples yet. */
  public static Message series(String... labels) {
    Message series = message();
    for (int i = 0; i < labels.length; i += 2) {
      series.message(1, message().string(1, labels[i]).string(2, labels[i + 1]));
    }
    return series;
  }

  public static Message sample(double value, long unixMillis) {
    return message().double64(1, value).int64(2, unixMillis);
  }

  public static Message metadata(int type, String family, String help, String unit) {
    return message().int32(1, type).string(2, family).string(4, help).string(5, unit);
  }

  public static byte[] writeRequest(Message... series) {
    Message request = message();
    for (Message s : series) {
      request.message(1, s);
    }
    return request.bytes();
  }

  public static byte[] snappy(byte[] raw) {
    SnappyCompressor compressor = new SnappyCompressor();
    byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
    int length = compressor.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, length);
  }
}
