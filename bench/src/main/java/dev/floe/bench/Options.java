package dev.floe.bench;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of the form {@code --name=value}. */
final class Options {
  private final Map<String, String> values = new HashMap<>();

  private Options() {}

  static Options parse(String[] args) {
    Options options = new Options();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
      }
      options.values.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return options;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    String value = values.get(name);
    return value == null ? fallback : Integer.parseInt(value);
  }

  double decimal(String name, double fallback) {
    String value = values.get(name);
    return value == null ? fallback : Double.parseDouble(value);
  }
}
