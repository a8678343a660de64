package dev.floe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.floe.config.ConfigLoader;
import dev.floe.ingest.IngestConfig;
import dev.floe.maintain.MaintainConfig;
import dev.floe.query.QueryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Floe's services as their configuration classes define them: the environment variables each
 * reads, and a configuration loaded with the real loader (so a malformed value or an unknown key in
 * a YAML file fails as the service would).
 */
enum ServiceConfigs {
  INGEST("ingest", IngestConfig.defaults(), IngestConfig::load),
  MAINTAIN("maintain", MaintainConfig.defaults(), MaintainConfig::load),
  QUERY("query", QueryConfig.defaults(), QueryConfig::load);

  private static final ConfigLoader LOADER = new ConfigLoader();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String service;
  private final Object defaults;
  private final Function<Map<String, String>, Object> load;

  ServiceConfigs(String service, Object defaults, Function<Map<String, String>, Object> load) {
    this.service = service;
    this.defaults = defaults;
    this.load = load;
  }

  /** The service a launcher argument ({@code ingest}, {@code maintain}, {@code query}) names. */
  static ServiceConfigs of(String service) {
    for (ServiceConfigs config : values()) {
      if (config.service.equals(service)) {
        return config;
      }
    }
    throw new IllegalArgumentException("no Floe service named '" + service + "'");
  }

  String service() {
    return service;
  }

  /** Every {@code FLOE_*} variable the service reads, mapped to its key. */
  Map<String, String> variables() {
    return LOADER.environmentVariables(defaults);
  }

  /** The configuration the service would run with under {@code env}, as a tree of keys. */
  JsonNode load(Map<String, String> env) {
    try {
      return YAML.readTree(LOADER.toYaml(load.apply(env)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ports the service listens on under {@code env}: every {@code <listener>.port}, by listener. */
  Map<String, Integer> listenerPorts(Map<String, String> env) {
    Map<String, Integer> ports = new TreeMap<>();
    JsonNode tree = load(env);
    Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode port = field.getValue().get("port");
      if (field.getValue().has("host") && port != null && port.asInt() >= 0) {
        ports.put(field.getKey(), port.asInt());
      }
    }
    return ports;
  }
}
