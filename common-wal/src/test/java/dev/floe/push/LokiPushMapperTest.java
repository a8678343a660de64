package dev.floe.push;

import static dev.floe.push.ProtoMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.otlp.MappedRows;
import dev.floe.otlp.MappingLimits;
import dev.floe.schema.Signal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loki push bodies decoded into rows; label syntax follows LogQL's stream selector strings. */
class LokiPushMapperTest {
  private static final long NOW = 1_700_000_000_000_000_000L;
  private final LokiPushMapper mapper = new LokiPushMapper(MappingLimits.defaults());

  @Test
  void labelValuesUseGoStringSyntax() {
    MappedRows rows =
        mapper.mapProtobuf("t", push("{ path = \"C:\\\\logs\\\\\\\"a\\\"\" , raw=`x\\y`, uni=\"\\u00e9\\t\"}"), NOW);

    assertThat(rows.rejected()).as(rows.rejectionMessage()).isZero();
    Map<String, String> labels = dev.floe.otlp.LabelSets.parse((String) rows.rowsFor(Signal.LOGS).get(0).getField("stream_labels"));
    assertThat(labels)
        .containsEntry("path", "C:\\logs\\\"a\"")
        .containsEntry("raw", "x\\y")
        .containsEntry("uni", "\u00e9\t")
        .containsEntry("service_name", "unknown_service");
  }

  @Test
  void jsonLabelsNeedNoEscapingAndKeepQuotes() {
    String json = "{\"streams\":[{\"stream\":{\"msg\":\"say \\\"hi\\\"\\n\"},\"values\":[[\"" + NOW + "\",\"line\"]]}]}";

    MappedRows rows = mapper.mapJson("t", json.getBytes(StandardCharsets.UTF_8), NOW);

    assertThat(rows.rejected()).as(rows.rejectionMessage()).isZero();
    assertThat(rows.rowsFor(Signal.LOGS).get(0).getField("stream_labels"))
        .isEqualTo("{msg=\"say \\\"hi\\\"\\n\", service_name=\"unknown_service\"}");
  }

  @Test
  void invalidLabelSyntaxRejectsTheStream() {
    for (String labels : new String[] {"job=\"a\"", "{job=\"a\"", "{1job=\"a\"}", "{job=\"a\" x}", "{job=\"\\q\"}"}) {
      MappedRows rows = mapper.mapProtobuf("t", push(labels), NOW);
      assertThat(rows.accepted()).as(labels).isZero();
      assertThat(rows.rejectionMessage()).as(labels).startsWith("Error parsing labels '" + labels + "' with error: ");
    }
  }

  @Test
  void tooManyLabelsOrTooLongAValueRejectTheStream() {
    LokiPushMapper small = new LokiPushMapper(new MappingLimits(java.time.Duration.ofDays(7), java.time.Duration.ofMinutes(10), 2, 8, 1024));

    assertThat(small.mapProtobuf("t", push("{a=\"1\", b=\"2\", c=\"3\"}"), NOW).rejectionMessage())
        .isEqualTo("entry for stream '{a=\"1\", b=\"2\", c=\"3\"}' has 3 label names; limit 2");
    assertThat(small.mapProtobuf("t", push("{a=\"\u00e9\u00e9\u00e9\u00e9\u00e9\"}"), NOW).rejectionMessage())
        .startsWith("stream '{a=\"\u00e9\u00e9\u00e9\u00e9\u00e9\"}' has label value too long: 10 bytes");
  }

  @Test
  void truncatedProtobufAndSnappyAreFormatErrors() {
    assertThatThrownBy(() -> mapper.mapProtobuf("t", new byte[] {0x0a, 0x05, 0x01}, NOW))
        .isInstanceOf(PushFormatException.class)
        .hasMessageContaining("malformed protobuf");
    assertThatThrownBy(() -> SnappyBlock.decompress(new byte[] {0x10, 0x00, 0x01}, 1 << 20))
        .isInstanceOf(PushFormatException.class);
  }

  /** A push request with one stream of one entry at {@link #NOW}. */
  private static byte[] push(String labels) {
    byte[] timestamp = message(out -> out.writeInt64(1, NOW / 1_000_000_000L));
    byte[] entry = message(out -> {
      out.writeByteArray(1, timestamp);
      out.writeString(2, "line");
    });
    byte[] stream = message(out -> {
      out.writeString(1, labels);
      out.writeByteArray(2, entry);
    });
    return message(out -> out.writeByteArray(1, stream));
  }
}
