package dev.floe.query.api.loki;

import dev.floe.logql.Stage;
import dev.floe.logql.engine.QueryValue;
import dev.floe.logql.pipeline.Pipeline;
import dev.floe.logql.pipeline.ProcessedEntry;
import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The fields of sampled log lines, as Loki's {@code detected_fields} finds them: structured metadata,
 * and what the {@code json} parser (for lines that are JSON objects) or the {@code logfmt} parser
 * (for the others) extracts, each with its values, the parsers that found it and a type read off its
 * values.
 */
final class DetectedFields {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");
  private static final Pattern DURATION = Pattern.compile("([-+]?\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");
  private static final Pattern BYTES = Pattern.compile("\\d+(\\.\\d+)?\\s?([KMGTPE]i?)?B", Pattern.CASE_INSENSITIVE);

  private final Pipeline json = Pipeline.compile(List.of(new Stage.Json(List.of())));
  private final Pipeline logfmt = Pipeline.compile(List.of(new Stage.Logfmt(false, false, List.of())));
  private final Map<String, Field> fields = new TreeMap<>(Labels::compareNames);

  /** One detected field. */
  static final class Field {
    final Set<String> values = new HashSet<>();
    final Set<String> parsers = new java.util.TreeSet<>();

    String type() {
      String type = null;
      for (String value : values) {
        String kind = kind(value);
        if (type == null) {
          type = kind;
        } else if (!type.equals(kind)) {
          type = type.equals("int") && kind.equals("float") || type.equals("float") && kind.equals("int") ? "float" : "string";
        }
      }
      return type == null ? "string" : type;
    }

    private static String kind(String value) {
      if (INTEGER.matcher(value).matches()) {
        return "int";
      }
      if (FLOAT.matcher(value).matches()) {
        return "float";
      }
      if (value.equals("true") || value.equals("false")) {
        return "boolean";
      }
      if (DURATION.matcher(value).matches()) {
        return "duration";
      }
      if (BYTES.matcher(value).matches()) {
        return "bytes";
      }
      return "string";
    }
  }

  void addAll(QueryValue.Streams streams) {
    for (QueryValue.Stream stream : streams.streams()) {
      for (QueryValue.LogEntry entry : stream.entries()) {
        add(entry);
      }
    }
  }

  private void add(QueryValue.LogEntry entry) {
    add(entry.structuredMetadata(), null);
    add(entry.parsed(), null);
    String line = entry.line();
    boolean isJson = !line.isEmpty() && line.charAt(0) == '{';
    ProcessedEntry parsed = (isJson ? json : logfmt).process(entry.timestampNanos(), line, Labels.EMPTY, Labels.EMPTY);
    if (parsed != null && !parsed.parsed().has("__error__")) {
      add(parsed.parsed(), isJson ? "json" : "logfmt");
    }
  }

  private void add(Labels labels, String parser) {
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.name(i);
      if (name.startsWith("__")) {
        continue;
      }
      Field field = fields.computeIfAbsent(name, unused -> new Field());
      field.values.add(labels.value(i));
      if (parser != null) {
        field.parsers.add(parser);
      }
    }
  }

  Map<String, Field> fields() {
    return fields;
  }

  /** The values of {@code name}, sorted. */
  List<String> values(String name) {
    Field field = fields.get(name);
    List<String> values = field == null ? new ArrayList<>() : new ArrayList<>(field.values);
    values.sort(Labels::compareNames);
    return values;
  }
}
