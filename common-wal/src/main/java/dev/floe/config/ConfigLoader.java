package dev.floe.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.TreeMap;

/**
 * Loads a service's typed configuration: the defaults in code, overlaid by a YAML file, overlaid by
 * environment variables.
 *
 * <p>Every key has an environment variable: {@code FLOE_} followed by the key's path, camelCase
 * words split by underscores, all upper case ({@code batch.maxDelay} is {@code
 * FLOE_BATCH_MAX_DELAY}). Lists take comma-separated values. Durations are written {@code 200ms},
 * {@code 5s}, {@code 10m}, {@code 2h}, {@code 7d} (or ISO-8601). Unknown keys in the file are
 * errors, unknown {@code FLOE_*} variables warnings; both name the closest valid key or variable.
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
  public static final String ENV_PREFIX = "FLOE_";

  private final ObjectMapper yaml;

  public ConfigLoader() {
    SimpleModule durations = new SimpleModule("floe-durations");
    durations.addSerializer(Duration.class, new DurationText.Serializer());
    durations.addDeserializer(Duration.class, new DurationText.Deserializer());
    this.yaml =
        new ObjectMapper(new YAMLFactory())
            .registerModule(durations)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /**
   * @param defaults the configuration with every default filled in
   * @param file a YAML file whose keys override the defaults, or null
   * @param env environment variables (normally {@link System#getenv()})
   * @throws ConfigException naming the file, key or variable that is wrong
   */
  public <T> T load(Class<T> type, T defaults, Path file, Map<String, String> env) {
    ObjectNode tree = yaml.valueToTree(defaults);
    KnownKeys known = new KnownKeys(tree);
    if (file != null) {
      JsonNode settings = readFile(file);
      List<String> unknown = known.unknownKeys(settings);
      if (!unknown.isEmpty()) {
        throw new ConfigException("unknown configuration key" + (unknown.size() > 1 ? "s " : " ")
            + String.join(", ", unknown) + " in " + file);
      }
      merge(tree, settings);
    }
    // Variables only warn: one environment (a shared ConfigMap) often serves several services.
    known.unknownVariables(env).forEach(
        (name, hint) -> LOG.warn("environment variable {} is not a setting of this service and is ignored{}", name, hint));
    applyEnvironment(tree, ENV_PREFIX, env);
    try {
      return yaml.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw new ConfigException("invalid configuration" + (file == null ? "" : " in " + file) + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The keys and variables of a configuration whose defaults are {@code defaults}. */
  KnownKeys knownKeys(Object defaults) {
    return new KnownKeys(yaml.valueToTree(defaults));
  }

  /** The configuration as YAML, as the service will use it (for logs and docs). */
  public String toYaml(Object config) {
    try {
      return yaml.writeValueAsString(config);
    } catch (IOException e) {
      throw new ConfigException("cannot render configuration", e);
    }
  }

  /**
   * Every environment variable that sets a key of a configuration, mapped to the key's path ({@code
   * FLOE_BATCH_MAX_DELAY} to {@code batch.maxDelay}); maps such as {@code catalog.properties} have
   * none. Deployment files are checked against it.
   */
  public Map<String, String> environmentVariables(Object defaults) {
    Map<String, String> variables = new TreeMap<>();
    collectVariables(yaml.valueToTree(defaults), ENV_PREFIX, "", variables);
    return variables;
  }

  private static void collectVariables(JsonNode node, String prefix, String path, Map<String, String> out) {
    node.fieldNames().forEachRemaining(name -> {
      JsonNode value = node.get(name);
      String variable = prefix + envWord(name);
      String key = path.isEmpty() ? name : path + "." + name;
      if (value instanceof ObjectNode) {
        collectVariables(value, variable + "_", key, out);
      } else {
        out.put(variable, key);
      }
    });
  }

  private JsonNode readFile(Path file) {
    try {
      JsonNode node = yaml.readTree(Files.readAllBytes(file));
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException("configuration file " + file + " must hold a YAML mapping");
      }
      return node;
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void merge(ObjectNode base, JsonNode override) {
    Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode current = base.get(field.getKey());
      if (current instanceof ObjectNode currentObject && field.getValue().isObject()) {
        merge(currentObject, field.getValue());
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void applyEnvironment(ObjectNode node, String prefix, Map<String, String> env) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode value = node.get(name);
      String variable = prefix + envWord(name);
      if (value instanceof ObjectNode child) {
        applyEnvironment(child, variable + "_", env);
        continue;
      }
      String text = env.get(variable);
      if (text == null) {
        continue;
      }
      if (value != null && value.isArray()) {
        ArrayNode array = node.putArray(name);
        for (String item : text.split(",")) {
          if (!item.isBlank()) {
            array.add(item.trim());
          }
        }
      } else if (value != null && value.isNumber()) {
        try {
          node.put(name, new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
          throw new ConfigException(variable + " must be a number, got '" + text + "'");
        }
      } else if (value != null && value.isBoolean()) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
          throw new ConfigException(variable + " must be true or false, got '" + text + "'");
        }
        node.put(name, Boolean.parseBoolean(lower));
      } else {
        node.put(name, text);
      }
    }
  }

  /** {@code maxDelay} becomes {@code MAX_DELAY}. */
  static String envWord(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('_');
      }
      out.append(c == '.' || c == '-' ? '_' : Character.toUpperCase(c));
    }
    return out.toString();
  }
}
