package dev.floe.logql.pipeline;

import dev.floe.logql.LogqlParseException;
import dev.floe.logql.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON parsers: {@code json} (every scalar member, nested names joined with {@code _}, arrays
 * skipped), {@code json a="b.c[0]"} (the values at given paths, raw JSON for objects and arrays) and
 * {@code unpack} (the labels Promtail's pack stage embedded, with {@code _entry} as the new line).
 */
final class JsonStages {
  static final String JSON_ERROR = "JSONParserErr";
  private static final String PACKED_ENTRY = "_entry";
  private static final int NAME_CACHE_LIMIT = 1024;

  private JsonStages() {}

  static StageFunction json(Stage.Json json) {
    return json.extractions().isEmpty() ? new Flatten() : new Paths(json.extractions());
  }

  static StageFunction unpack() {
    return new Unpack();
  }

  /** {@code | json}: every string, number and boolean member as a label. */
  private static final class Flatten implements StageFunction {
    private final JsonScanner scanner = new JsonScanner();
    /** Label names by prefix and key: lines repeat their keys, so names are built once. */
    private final Map<String, Map<String, String>> names = new HashMap<>();
    private int cachedNames;

    @Override
    public String apply(long timestampNanos, String line, EntryBuilder entry) {
      scanner.reset(line);
      try {
        object(entry, "");
      } catch (JsonScanner.JsonException e) {
        entry.setError(JSON_ERROR, e.getMessage());
      }
      return line;
    }

    private void object(EntryBuilder entry, String prefix) throws JsonScanner.JsonException {
      scanner.beginObject();
      String key;
      for (boolean first = true; (key = scanner.nextMember(first)) != null; first = false) {
        JsonScanner.Kind kind = scanner.kind();
        switch (kind) {
          case STRING:
            set(entry, name(prefix, key), scanner.readString());
            break;
          case NUMBER:
          case BOOLEAN:
            set(entry, name(prefix, key), scanner.readLiteral(kind));
            break;
          case OBJECT:
            object(entry, name(prefix, key));
            break;
          default:
            scanner.skipValue();
        }
      }
    }

    private static void set(EntryBuilder entry, String name, String value) {
      if (!name.isEmpty()) {
        entry.setParsed(entry.parsedName(name), value);
      }
    }

    /** {@code key} sanitized, after {@code prefix} and {@code _} when there is a prefix. */
    private String name(String prefix, String key) {
      if (cachedNames > NAME_CACHE_LIMIT) {
        names.clear();
        cachedNames = 0;
      }
      Map<String, String> byKey = names.computeIfAbsent(prefix, p -> new HashMap<>());
      String name = byKey.get(key);
      if (name == null) {
        StringBuilder text = new StringBuilder(prefix);
        if (!prefix.isEmpty()) {
          text.append('_');
        }
        name = LabelNames.appendSanitized(text, key).toString();
        byKey.put(key, name);
        cachedNames++;
      }
      return name;
    }
  }

  /** {@code | json a="b.c", d}: the value at each path, or the empty value when the line lacks it. */
  private static final class Paths implements StageFunction {
    private final String[] names;
    private final Object[][] paths;
    private final JsonScanner scanner = new JsonScanner();

    Paths(List<Stage.Extraction> extractions) {
      names = new String[extractions.size()];
      paths = new Object[extractions.size()][];
      for (int i = 0; i < names.length; i++) {
        Stage.Extraction extraction = extractions.get(i);
        names[i] = extraction.name();
        String expression = extraction.expression() == null ? extraction.name() : extraction.expression();
        paths[i] = JsonPath.parse(expression);
      }
    }

    @Override
    public String apply(long timestampNanos, String line, EntryBuilder entry) {
      if (line.isEmpty()) {
        return line;
      }
      char first = line.charAt(0);
      if (first != '{' && first != '[' && first != '"') {
        entry.setError(JSON_ERROR, null);
        return line;
      }
      for (int i = 0; i < names.length; i++) {
        String value;
        try {
          value = valueAt(line, paths[i]);
        } catch (JsonScanner.JsonException e) {
          entry.setError(JSON_ERROR, e.getMessage());
          continue;
        }
        if (value != null) {
          entry.setParsed(entry.parsedName(names[i]), value);
        } else if (entry.get(names[i]) == null) {
          entry.setParsed(names[i], "");
        }
      }
      return line;
    }

    private String valueAt(String line, Object[] path) throws JsonScanner.JsonException {
      scanner.reset(line);
      for (Object step : path) {
        if (!(step instanceof String ? member((String) step) : element((Integer) step))) {
          return null;
        }
      }
      JsonScanner.Kind kind = scanner.kind();
      switch (kind) {
        case STRING:
          return scanner.readString();
        case NULL:
          scanner.readLiteral(kind);
          return "";
        case OBJECT:
        case ARRAY:
          return scanner.textFrom(scanner.skipValue());
        default:
          return scanner.readLiteral(kind);
      }
    }

    private boolean member(String wanted) throws JsonScanner.JsonException {
      if (scanner.kind() != JsonScanner.Kind.OBJECT) {
        return false;
      }
      scanner.beginObject();
      String key;
      for (boolean first = true; (key = scanner.nextMember(first)) != null; first = false) {
        if (key.equals(wanted)) {
          return true;
        }
        scanner.skipValue();
      }
      return false;
    }

    private boolean element(int wanted) throws JsonScanner.JsonException {
      if (scanner.kind() != JsonScanner.Kind.ARRAY) {
        return false;
      }
      scanner.beginArray();
      for (int index = 0; scanner.nextElement(index == 0); index++) {
        if (index == wanted) {
          return true;
        }
        scanner.skipValue();
      }
      return false;
    }
  }

  /** {@code | unpack}: string members become labels and {@code _entry} the line, when the line is packed. */
  private static final class Unpack implements StageFunction {
    private final JsonScanner scanner = new JsonScanner();
    private final List<String> pairs = new ArrayList<>();

    @Override
    public String apply(long timestampNanos, String line, EntryBuilder entry) {
      if (line.isEmpty()) {
        return line;
      }
      if (line.charAt(0) != '{') {
        entry.setError(JSON_ERROR, "expecting json object(3), but it is not");
        return line;
      }
      scanner.reset(line);
      pairs.clear();
      String packed = null;
      try {
        scanner.beginObject();
        String key;
        for (boolean first = true; (key = scanner.nextMember(first)) != null; first = false) {
          if (scanner.kind() != JsonScanner.Kind.STRING) {
            scanner.skipValue();
          } else if (key.equals(PACKED_ENTRY)) {
            packed = scanner.readString();
          } else {
            pairs.add(LabelNames.sanitize(entry.parsedName(key)));
            pairs.add(scanner.readString());
          }
        }
      } catch (JsonScanner.JsonException e) {
        entry.setError(JSON_ERROR, e.getMessage());
        return line;
      }
      if (packed == null) {
        return line;
      }
      for (int i = 0; i < pairs.size(); i += 2) {
        entry.setParsed(pairs.get(i), pairs.get(i + 1));
      }
      return packed;
    }
  }

  /** The paths of {@code json} parameters: {@code a.b}, {@code a[0]}, {@code a["b c"]}. */
  static final class JsonPath {
    private JsonPath() {}

    /**
     * Parses {@code expression} into member names (strings) and array indexes (integers).
     *
     * @throws LogqlParseException when it is not a path
     */
    static Object[] parse(String expression) {
      List<Object> steps = new ArrayList<>();
      int i = 0;
      int n = expression.length();
      while (i < n) {
        char c = expression.charAt(i);
        if (c == '.' && !steps.isEmpty()) {
          i++;
          int start = i;
          i = fieldEnd(expression, i);
          if (i == start) {
            throw invalid(expression, i);
          }
          steps.add(expression.substring(start, i));
        } else if (c == '[') {
          int close = expression.indexOf(']', i);
          if (close < 0) {
            throw invalid(expression, i);
          }
          String inside = expression.substring(i + 1, close).strip();
          if (inside.length() >= 2 && inside.startsWith("\"") && inside.endsWith("\"")) {
            steps.add(inside.substring(1, inside.length() - 1));
          } else if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit)) {
            steps.add(Integer.parseInt(inside));
          } else {
            throw invalid(expression, i);
          }
          i = close + 1;
        } else if (steps.isEmpty()) {
          int start = i;
          i = fieldEnd(expression, i);
          if (i == start) {
            throw invalid(expression, i);
          }
          steps.add(expression.substring(start, i));
        } else {
          throw invalid(expression, i);
        }
      }
      if (steps.isEmpty()) {
        throw invalid(expression, 0);
      }
      return steps.toArray();
    }

    private static int fieldEnd(String expression, int i) {
      while (i < expression.length() && ".[]\" ".indexOf(expression.charAt(i)) < 0) {
        i++;
      }
      return i;
    }

    private static LogqlParseException invalid(String expression, int at) {
      return new LogqlParseException(
          "cannot parse expression [" + expression + "]: syntax error at position " + (at + 1), 0, 0);
    }
  }
}
