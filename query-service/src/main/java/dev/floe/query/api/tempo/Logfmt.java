package dev.floe.query.api.tempo;

import dev.floe.query.api.BadRequestException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the logfmt {@code tags} of Tempo's legacy search: {@code key=value key2="quoted value"}. */
final class Logfmt {
  private Logfmt() {}

  static List<Map.Entry<String, String>> parse(String text) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int keyStart = i;
      while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      String key = text.substring(keyStart, i);
      if (key.isEmpty() || i >= n || text.charAt(i) != '=') {
        throw new BadRequestException("invalid tags: expected key=value at \"" + text.substring(keyStart) + "\"");
      }
      i++;
      StringBuilder value = new StringBuilder();
      if (i < n && text.charAt(i) == '"') {
        i++;
        while (i < n && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        if (i >= n) {
          throw new BadRequestException("invalid tags: unterminated quoted value for " + key);
        }
        i++;
      } else {
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
          value.append(text.charAt(i++));
        }
      }
      out.add(new AbstractMap.SimpleImmutableEntry<>(key, value.toString()));
    }
    return out;
  }
}
