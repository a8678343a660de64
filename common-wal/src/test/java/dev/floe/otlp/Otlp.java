package dev.floe.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Short builders for OTLP test messages. */
final class Otlp {
  /** The receive time used by the tests: 2023-11-14T22:13:20.123456789Z. */
  static final long NOW = 1_700_000_000_123_456_789L;

  static final long SECOND = 1_000_000_000L;

  private Otlp() {}

  static AnyValue str(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  static AnyValue integer(long value) {
    return AnyValue.newBuilder().setIntValue(value).build();
  }

  static AnyValue dbl(double value) {
    return AnyValue.newBuilder().setDoubleValue(value).build();
  }

  static AnyValue bool(boolean value) {
    return AnyValue.newBuilder().setBoolValue(value).build();
  }

  static AnyValue bytes(byte... value) {
    return AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(value)).build();
  }

  static AnyValue array(AnyValue... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (AnyValue value : values) {
      array.addValues(value);
    }
    return AnyValue.newBuilder().setArrayValue(array).build();
  }

  static AnyValue kvlist(KeyValue... values) {
    KeyValueList.Builder list = KeyValueList.newBuilder();
    for (KeyValue value : values) {
      list.addValues(value);
    }
    return AnyValue.newBuilder().setKvlistValue(list).build();
  }

  static KeyValue kv(String key, String value) {
    return kv(key, str(value));
  }

  static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  static ByteBuffer buffer(String hex) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
  }

  static Long micros(long nanos) {
    return Math.floorDiv(nanos, 1000L);
  }

  static Integer remainder(long nanos) {
    return (int) Math.floorMod(nanos, 1000L);
  }
}
