package dev.floe.otlp;

import static dev.floe.otlp.Otlp.array;
import static dev.floe.otlp.Otlp.bool;
import static dev.floe.otlp.Otlp.bytes;
import static dev.floe.otlp.Otlp.dbl;
import static dev.floe.otlp.Otlp.integer;
import static dev.floe.otlp.Otlp.kv;
import static dev.floe.otlp.Otlp.kvlist;
import static dev.floe.otlp.Otlp.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnyValuesTest {

  @Test
  void stringsAreStoredAsIsWithoutTag() {
    assertThat(AnyValues.text(str("héllo \"x\""))).isEqualTo("héllo \"x\"");
    assertThat(AnyValues.tag(str("héllo"))).isNull();
    assertThat(AnyValues.tag(str(""))).isNull();
    assertThat(AnyValues.decode("héllo", null)).isEqualTo(str("héllo"));
  }

  @Test
  void textFormsAndTagsOfEveryKind() {
    assertThat(AnyValues.text(bool(true))).isEqualTo("true");
    assertThat(AnyValues.text(bool(false))).isEqualTo("false");
    assertThat(AnyValues.tag(bool(true))).isEqualTo("bool");
    assertThat(AnyValues.text(integer(-42))).isEqualTo("-42");
    assertThat(AnyValues.tag(integer(7))).isEqualTo("int");
    assertThat(AnyValues.text(dbl(0.25))).isEqualTo("0.25");
    assertThat(AnyValues.text(dbl(1e20))).isEqualTo("1.0E20");
    assertThat(AnyValues.text(dbl(Double.NaN))).isEqualTo("NaN");
    assertThat(AnyValues.tag(dbl(1))).isEqualTo("double");
    assertThat(AnyValues.text(bytes((byte) 0xff, (byte) 0x00, (byte) 0x10))).isEqualTo("/wAQ");
    assertThat(AnyValues.tag(bytes((byte) 1))).isEqualTo("bytes");
    assertThat(AnyValues.text(array(integer(1), str("a"))))
        .isEqualTo("{\"arrayValue\":{\"values\":[{\"intValue\":\"1\"},{\"stringValue\":\"a\"}]}}");
    assertThat(AnyValues.tag(array())).isEqualTo("array");
    assertThat(AnyValues.text(kvlist(kv("k", bool(true)))))
        .isEqualTo("{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":{\"boolValue\":true}}]}}");
    assertThat(AnyValues.tag(kvlist())).isEqualTo("kvlist");
    assertThat(AnyValues.text(AnyValue.getDefaultInstance())).isEmpty();
    assertThat(AnyValues.tag(AnyValue.getDefaultInstance())).isEqualTo("empty");
  }

  @Test
  void profilesOnlyStringIndexIsTreatedAsAbsent() {
    AnyValue indexed = AnyValue.newBuilder().setStringValueStrindex(3).build();
    assertThat(AnyValues.text(indexed)).isEmpty();
    assertThat(AnyValues.tag(indexed)).isEqualTo("empty");
  }

  @Test
  void everyKindRoundTrips() {
    List<AnyValue> values =
        List.of(
            str(""),
            str("multi\nline \\ \"quoted\" 日本"),
            bool(true),
            bool(false),
            integer(0),
            integer(-1),
            integer(Long.MIN_VALUE),
            integer(Long.MAX_VALUE),
            dbl(0.1),
            dbl(-0.0),
            dbl(Double.NaN),
            dbl(Double.POSITIVE_INFINITY),
            dbl(Double.NEGATIVE_INFINITY),
            dbl(Double.MIN_VALUE),
            dbl(Double.MAX_VALUE),
            bytes(),
            bytes((byte) 0, (byte) 0xfe, (byte) 0x7f, (byte) 0x80),
            array(),
            array(integer(Long.MIN_VALUE), dbl(Double.NaN), bytes((byte) 1, (byte) 2), AnyValue.getDefaultInstance()),
            array(array(array(str("deep"))), kvlist(kv("inner", array(bool(false))))),
            kvlist(),
            kvlist(kv("a", integer(0)), kv("b", dbl(Double.NEGATIVE_INFINITY)), kv("c", kvlist(kv("d", str("e"))))),
            kvlist(kv("dup", integer(1)), kv("dup", integer(2))),
            AnyValue.getDefaultInstance());
    for (AnyValue value : values) {
      AnyValue decoded = AnyValues.decode(AnyValues.text(value), AnyValues.tag(value));
      assertThat(decoded).as(value.toString()).isEqualTo(value);
    }
    // -0.0 and NaN equal by bits above; check the sign survives explicitly.
    assertThat(Double.doubleToRawLongBits(AnyValues.decode("-0.0", "double").getDoubleValue()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void decodeRejectsTextThatDoesNotFitTheTag() {
    assertThatThrownBy(() -> AnyValues.decode("yes", "bool")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bool'");
    assertThatThrownBy(() -> AnyValues.decode("1.5", "int")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnyValues.decode("abc", "double")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnyValues.decode("***", "bytes")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnyValues.decode("{\"kvlistValue\":{}}", "array"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnyValues.decode("[1,2]", "array")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnyValues.decode("x", "empty")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnyValues.decode("x", "float"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown value type tag 'float'");
  }
}
