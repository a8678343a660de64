package dev.floe.logql.template;

import static dev.floe.logql.template.Func.Type.STRING;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Encodings: base64, URL query escaping and Sprig's {@code fromJson}. */
final class EncodingFunctions {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static final List<Func> ALL = List.of(
      Func.of("b64enc", (a, env) -> Base64.getEncoder().encodeToString(bytes(a.get(0))), STRING),
      Func.of("b64dec", (a, env) -> b64dec((String) a.get(0)), STRING),
      Func.of("urlencode", (a, env) -> Escapes.queryEscape((String) a.get(0)), STRING),
      Func.of("urldecode", (a, env) -> Escapes.queryUnescape((String) a.get(0)), STRING),
      Func.of("fromJson", (a, env) -> fromJson((String) a.get(0)), STRING));

  private EncodingFunctions() {}

  private static byte[] bytes(Object s) {
    return ((String) s).getBytes(StandardCharsets.UTF_8);
  }

  /** Sprig's {@code b64dec} returns Go's error text instead of failing. */
  private static String b64dec(String s) {
    try {
      return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      int bad = 0;
      while (bad < s.length() && isBase64(s.charAt(bad))) {
        bad++;
      }
      return "illegal base64 data at input byte " + (bad < s.length() ? bad : s.length() / 4 * 4);
    }
  }

  private static boolean isBase64(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
  }

  /** Sprig's {@code fromJson}: Go's decoding into interface{} (numbers are float64), nil when invalid. */
  private static Object fromJson(String s) {
    try {
      return convert(JSON.readTree(s));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static Object convert(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    } else if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), convert(e.getValue())));
      return map;
    } else if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(convert(element)));
      return list;
    } else if (node.isNumber()) {
      return node.asDouble();
    } else if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
