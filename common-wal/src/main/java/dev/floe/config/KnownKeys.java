package dev.floe.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keys and environment variables a configuration has, read from its defaults, to name what a
 * file or the environment sets that the service does not know, with the closest valid name. An
 * object that is empty by default is a free-form map (such as {@code catalog.properties}): its keys
 * are not checked, and it has no variables.
 */
final class KnownKeys {
  /** Variables every service reads besides its keys. */
  private static final List<String> OTHER_VARIABLES = List.of("FLOE_CONFIG");

  private final List<String> keys = new ArrayList<>();
  private final List<String> variables = new ArrayList<>(OTHER_VARIABLES);

  KnownKeys(JsonNode defaults) {
    collect(defaults, "", ConfigLoader.ENV_PREFIX);
  }

  private void collect(JsonNode node, String path, String variable) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = path + field.getKey();
      String name = variable + ConfigLoader.envWord(field.getKey());
      JsonNode value = field.getValue();
      keys.add(key);
      if (value.isObject() && !value.isEmpty()) {
        collect(value, key + ".", name + "_");
      } else if (!value.isObject()) {
        variables.add(name);
      }
    }
  }

  /**
   * Each key of {@code file} (a YAML tree) that is not a key of the configuration, with a hint at
   * the closest valid one.
   */
  List<String> unknownKeys(JsonNode file) {
    List<String> unknown = new ArrayList<>();
    findUnknown(file, "", unknown);
    return unknown;
  }

  private void findUnknown(JsonNode node, String path, List<String> unknown) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = path + field.getKey();
      if (!keys.contains(key)) {
        unknown.add("'" + key + "'" + hint(key, keys, "."));
      } else if (field.getValue().isObject() && !isMap(key)) {
        findUnknown(field.getValue(), key + ".", unknown);
      }
    }
  }

  private boolean isMap(String key) {
    String prefix = key + ".";
    return keys.stream().noneMatch(known -> known.startsWith(prefix));
  }

  /** The {@code FLOE_*} variables of {@code env} that the configuration does not read, with hints. */
  Map<String, String> unknownVariables(Map<String, String> env) {
    Map<String, String> unknown = new TreeMap<>();
    for (String name : env.keySet()) {
      if (name.startsWith(ConfigLoader.ENV_PREFIX) && !variables.contains(name)) {
        unknown.put(name, hint(name, variables, "_"));
      }
    }
    return unknown;
  }

  /**
   * "; did you mean X?": a valid name that ends with the unknown one (the same setting under a
   * service's prefix, as standalone has them), else the nearest by edit distance if it is near.
   */
  static String hint(String unknown, Collection<String> valid, String separator) {
    String tail = unknown.startsWith(ConfigLoader.ENV_PREFIX) ? unknown.substring(ConfigLoader.ENV_PREFIX.length()) : unknown;
    Map<String, Integer> distances = new LinkedHashMap<>();
    for (String candidate : valid) {
      if (candidate.endsWith(separator + tail)) {
        return "; did you mean " + candidate + "?";
      }
      distances.put(candidate, distance(unknown, candidate));
    }
    return distances.entrySet().stream()
        .min(Map.Entry.comparingByValue())
        .filter(best -> best.getValue() <= Math.max(2, unknown.length() / 3))
        .map(best -> "; did you mean " + best.getKey() + "?")
        .orElse("");
  }

  /** Levenshtein distance, case-insensitive. */
  static int distance(String a, String b) {
    String left = a.toLowerCase(java.util.Locale.ROOT);
    String right = b.toLowerCase(java.util.Locale.ROOT);
    int[] previous = new int[right.length() + 1];
    int[] current = new int[right.length() + 1];
    for (int j = 0; j <= right.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= left.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= right.length(); j++) {
        int substitution = previous[j - 1] + (left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[right.length()];
  }
}
