package dev.floe.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * OTLP/JSON request bodies to protobuf messages, and responses back to JSON.
 *
 * <p>OTLP/JSON is proto3 JSON except that trace and span ids are hex strings, where protobuf's
 * {@link JsonFormat} expects base64. The body is therefore streamed through Jackson once, turning
 * the values of {@code traceId}, {@code spanId} and {@code parentSpanId} (and their snake_case
 * spellings, which JsonFormat also accepts) from hex into base64, and everything else copied as is.
 * Unknown fields are ignored, as OTLP asks of receivers; enum values may be names or integers.
 */
public final class OtlpJson {
  private static final JsonFactory JACKSON = new JsonFactory();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private OtlpJson() {}

  /** @throws OtlpFormatException if the body is not a valid OTLP/JSON logs request */
  public static ExportLogsServiceRequest parseLogs(byte[] body) {
    ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
    merge(body, builder);
    return builder.build();
  }

  /** @throws OtlpFormatException if the body is not a valid OTLP/JSON traces request */
  public static ExportTraceServiceRequest parseTraces(byte[] body) {
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    merge(body, builder);
    return builder.build();
  }

  /** @throws OtlpFormatException if the body is not a valid OTLP/JSON metrics request */
  public static ExportMetricsServiceRequest parseMetrics(byte[] body) {
    ExportMetricsServiceRequest.Builder builder = ExportMetricsServiceRequest.newBuilder();
    merge(body, builder);
    return builder.build();
  }

  /** A response (for example an export response with a partial success) as compact UTF-8 JSON. */
  public static byte[] toJson(MessageOrBuilder response) {
    try {
      return PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      // Only messages holding google.protobuf.Any fail to print; OTLP responses have none.
      throw new IllegalArgumentException("cannot print " + response.getDescriptorForType().getFullName(), e);
    }
  }

  /**
   * A message (for example {@code TracesData}) as compact OTLP/JSON: proto3 JSON with trace and span
   * ids as hex strings, the form OTLP/JSON receivers and Tempo's users read.
   */
  public static String toOtlpJson(MessageOrBuilder message) {
    String json;
    try {
      json = PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("cannot print " + message.getDescriptorForType().getFullName(), e);
    }
    StringWriter out = new StringWriter(json.length());
    try (JsonParser parser = JACKSON.createParser(json);
        JsonGenerator generator = JACKSON.createGenerator(out)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_STRING && idBytes(parser.currentName()) > 0) {
          generator.writeString(hex(Base64.getDecoder().decode(parser.getText())));
        } else {
          generator.copyCurrentEvent(parser);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the ids of printed JSON", e);
    }
    return out.toString();
  }

  private static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  private static void merge(byte[] body, Message.Builder builder) {
    String json = hexIdsToBase64(body);
    try {
      PARSER.merge(json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new OtlpFormatException("invalid OTLP/JSON " + builder.getDescriptorForType().getName() + ": "
          + e.getMessage(), e);
    }
  }

  private static String hexIdsToBase64(byte[] body) {
    StringWriter out = new StringWriter(body.length + 16);
    try (JsonParser parser = JACKSON.createParser(body);
        JsonGenerator generator = JACKSON.createGenerator(out)) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_OBJECT) {
        throw new OtlpFormatException("invalid OTLP/JSON: the body must be a JSON object");
      }
      int depth = 0;
      do {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
        }
        int idBytes = token == JsonToken.VALUE_STRING ? idBytes(parser.currentName()) : 0;
        if (idBytes > 0 && parser.getParsingContext().inObject()) {
          generator.writeString(toBase64(parser.currentName(), parser.getText(), idBytes));
        } else {
          generator.copyCurrentEventExact(parser);
        }
      } while (depth > 0 && (token = parser.nextToken()) != null);
      if (depth > 0) {
        throw new OtlpFormatException("invalid OTLP/JSON: unexpected end of the body");
      }
      if (parser.nextToken() != null) {
        throw new OtlpFormatException("invalid OTLP/JSON: content after the end of the top-level object");
      }
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null
          ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new OtlpFormatException("invalid OTLP/JSON: " + e.getOriginalMessage() + where, e);
    } catch (IOException e) {
      throw new OtlpFormatException("invalid OTLP/JSON: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /** The byte length of the id a field holds, or 0 if the field is not an id. */
  private static int idBytes(String field) {
    if (field == null) {
      return 0;
    }
    switch (field) {
      case "traceId":
      case "trace_id":
        return Ids.TRACE_ID_BYTES;
      case "spanId":
      case "span_id":
      case "parentSpanId":
      case "parent_span_id":
        return Ids.SPAN_ID_BYTES;
      default:
        return 0;
    }
  }

  private static String toBase64(String field, String hex, int bytes) {
    if (hex.isEmpty()) {
      return hex;
    }
    if (hex.length() != bytes * 2) {
      throw new OtlpFormatException("invalid OTLP/JSON: " + field + " must be " + bytes * 2
          + " hex characters (" + bytes + " bytes) or empty, got " + hex.length() + " characters");
    }
    byte[] id = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      int high = hexDigit(hex.charAt(2 * i));
      int low = hexDigit(hex.charAt(2 * i + 1));
      if (high < 0 || low < 0) {
        int at = high < 0 ? 2 * i : 2 * i + 1;
        throw new OtlpFormatException("invalid OTLP/JSON: " + field + " must be hex, got '"
            + hex.charAt(at) + "' at position " + at);
      }
      id[i] = (byte) ((high << 4) | low);
    }
    return Base64.getEncoder().encodeToString(id);
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
