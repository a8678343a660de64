package dev.floe.prometheus;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * An OTLP exemplar of a stored metric point.
 *
 * @param traceId the trace id in lower-case hex, empty when none
 * @param spanId the span id in lower-case hex, empty when none
 */
public record Exemplar(
    long timeNanos, double value, String traceId, String spanId, Map<String, String> filteredAttributes) {

  public Exemplar {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    filteredAttributes = Map.copyOf(filteredAttributes);
  }

  /** An exemplar from the fields of the {@code exemplars} column as read; absent ones are null. */
  public static Exemplar of(
      long timeUnixNano,
      Double valueDouble,
      Long valueInt,
      ByteBuffer traceId,
      ByteBuffer spanId,
      Map<String, String> filteredAttributes) {
    double value = valueDouble != null ? valueDouble : valueInt != null ? valueInt : 0;
    return new Exemplar(timeUnixNano, value, hex(traceId), hex(spanId),
        filteredAttributes == null ? Map.of() : filteredAttributes);
  }

  private static String hex(ByteBuffer id) {
    if (id == null || !id.hasRemaining()) {
      return "";
    }
    byte[] bytes = new byte[id.remaining()];
    id.duplicate().get(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
