package dev.floe.query.api.prometheus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.floe.query.api.JsonResponses;
import java.io.IOException;
import java.util.List;

/** The Prometheus API's envelope: {@code {"status":"success","data":...}} or its error form. */
final class PromResponses {
  /** Prometheus's error types and the statuses it answers them with. */
  enum ErrorType {
    BAD_DATA("bad_data", 400),
    EXECUTION("execution", 422),
    TIMEOUT("timeout", 503),
    CANCELED("canceled", 499),
    NOT_FOUND("not_found", 404),
    INTERNAL("internal", 500),
    UNAVAILABLE("unavailable", 503),
    /** Floe's answer when too many queries run and wait; Prometheus itself queues without bound. */
    TOO_MANY_REQUESTS("too_many_requests", 429);

    final String text;
    final int status;

    ErrorType(String text, int status) {
      this.text = text;
      this.status = status;
    }
  }

  private PromResponses() {}

  static HttpResponse success(JsonResponses.Body data, List<String> warnings, List<String> infos) {
    return JsonResponses.of(
        HttpStatus.OK,
        json -> {
          json.writeStartObject();
          json.writeStringField("status", "success");
          json.writeFieldName("data");
          data.write(json);
          writeStrings(json, "warnings", warnings);
          writeStrings(json, "infos", infos);
          json.writeEndObject();
        });
  }

  static HttpResponse error(ErrorType type, String message) {
    return JsonResponses.of(
        HttpStatus.valueOf(type.status),
        json -> {
          json.writeStartObject();
          json.writeStringField("status", "error");
          json.writeStringField("errorType", type.text);
          json.writeStringField("error", message);
          json.writeEndObject();
        });
  }

  private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}
