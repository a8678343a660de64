package dev.floe.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.otlp.LabelSets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Loki's JSON push body: {@code {"streams": [{"stream": {"label": "value"}, "values":
 * [["<unix ns>", "<line>"], ["<unix ns>", "<line>", {"name": "value"}]]}]}}, the optional third
 * element being structured metadata. Unknown keys are skipped.
 */
final class LokiJsonDecoder {
  private static final JsonFactory JSON = new JsonFactory();

  private LokiJsonDecoder() {}

  static List<LokiStream> decode(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      List<LokiStream> streams = new ArrayList<>();
      expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "a JSON object");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("streams")) {
          expect(parser, value, JsonToken.START_ARRAY, "\"streams\" to be an array");
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            streams.add(stream(parser));
          }
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new PushFormatException("malformed JSON push request: unexpected content after the object");
      }
      return streams;
    } catch (JsonProcessingException e) {
      throw new PushFormatException("malformed JSON push request: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new PushFormatException("malformed JSON push request: " + e.getMessage(), e);
    }
  }

  private static LokiStream stream(JsonParser parser) throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_OBJECT, "each stream to be an object");
    Map<String, String> labels = Collections.emptyMap();
    List<LokiStream.Entry> entries = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("stream")) {
        labels = stringMap(parser, value, "\"stream\"");
      } else if (field.equals("values")) {
        expect(parser, value, JsonToken.START_ARRAY, "\"values\" to be an array");
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          entries.add(entry(parser));
        }
      } else {
        parser.skipChildren();
      }
    }
    return new LokiStream(LabelSets.format(labels), entries);
  }

  private static LokiStream.Entry entry(JsonParser parser) throws IOException {
    expect(parser, parser.currentToken(), JsonToken.START_ARRAY, "each value to be an array [\"<unix ns>\", \"<line>\"]");
    long time = timestamp(parser, parser.nextToken());
    expect(parser, parser.nextToken(), JsonToken.VALUE_STRING, "the log line to be a string");
    String line = parser.getText();
    Map<String, String> metadata = Collections.emptyMap();
    JsonToken next = parser.nextToken();
    if (next == JsonToken.START_OBJECT) {
      metadata = stringMap(parser, next, "structured metadata");
      next = parser.nextToken();
    }
    expect(parser, next, JsonToken.END_ARRAY, "at most three elements in a value");
    return new LokiStream.Entry(time, line, metadata);
  }

  private static long timestamp(JsonParser parser, JsonToken token) throws IOException {
    String text;
    if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
      text = parser.getText();
    } else {
      throw failure(parser, "the timestamp to be a string of Unix nanoseconds");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw failure(parser, "the timestamp to be Unix nanoseconds, got '" + text + "'");
    }
  }

  private static Map<String, String> stringMap(JsonParser parser, JsonToken token, String what) throws IOException {
    expect(parser, token, JsonToken.START_OBJECT, what + " to be an object");
    Map<String, String> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      expect(parser, parser.nextToken(), JsonToken.VALUE_STRING, "the value of " + what + " '" + name + "' to be a string");
      map.put(name, parser.getText());
    }
    return map;
  }

  private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String what) {
    if (actual != expected) {
      throw failure(parser, what);
    }
  }

  private static PushFormatException failure(JsonParser parser, String expected) {
    return new PushFormatException(
        "malformed JSON push request: expected " + expected + " at line " + parser.currentLocation().getLineNr()
            + ", column " + parser.currentLocation().getColumnNr());
  }
}
