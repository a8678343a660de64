package dev.floe.logql.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every function a Loki template can call: Go's built-ins and Loki's own and Sprig selection. */
final class Functions {
  static final Map<String, Func> ALL = index(List.of(
      BuiltinFunctions.ALL, StringFunctions.ALL, MathFunctions.ALL, TimeFunctions.ALL, EncodingFunctions.ALL));

  private Functions() {}

  private static Map<String, Func> index(List<List<Func>> groups) {
    Map<String, Func> all = new HashMap<>();
    for (List<Func> group : groups) {
      for (Func f : group) {
        if (all.put(f.name(), f) != null) {
          throw new IllegalStateException("function " + f.name() + " defined twice");
        }
      }
    }
    return Map.copyOf(all);
  }
}
