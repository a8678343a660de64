package dev.floe.query.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import dev.floe.lang.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON response bodies written in one pass with Jackson's streaming generator. */
public final class JsonResponses {
  private static final JsonFactory JSON = new JsonFactory();

  /** Writes one JSON document. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private JsonResponses() {}

  public static HttpResponse of(HttpStatus status, Body body) {
    return HttpResponse.of(status, MediaType.JSON_UTF_8, HttpData.wrap(bytes(body)));
  }

  /** Writes {@code values} as a JSON array of strings. */
  public static void strings(JsonGenerator json, Iterable<String> values) throws IOException {
    json.writeStartArray();
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  /** Writes a label set as a JSON object, {@code {"name":"value",...}}, in label order. */
  public static void labels(JsonGenerator json, Labels labels) throws IOException {
    json.writeStartObject();
    for (int i = 0; i < labels.size(); i++) {
      json.writeStringField(labels.name(i), labels.value(i));
    }
    json.writeEndObject();
  }

  public static byte[] bytes(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
