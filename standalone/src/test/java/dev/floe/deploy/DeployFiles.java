package dev.floe.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's deployment files as the tests read them: {@code docker-compose.yml} (with its
 * YAML anchors and merge keys resolved, as Compose does), the image's launcher {@code
 * deploy/docker/floe} and the Grafana provisioning.
 */
final class DeployFiles {
  private static final Pattern LAUNCHER_CASE = Pattern.compile("^\\s*([a-z]+)\\) main=([\\w.]+) ;;", Pattern.MULTILINE);

  private DeployFiles() {}

  /** The repository's root folder. */
  static Path repo() {
    return Path.of(System.getProperty("floe.repo.dir", "..")).toAbsolutePath().normalize();
  }

  /** Every YAML document of a file (or text), as maps and lists. */
  static List<Object> yamlDocuments(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    List<Object> documents = new ArrayList<>();
    for (Object document : new Yaml(options).loadAll(text)) {
      if (document != null) {
        documents.add(document);
      }
    }
    return documents;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** {@code docker-compose.yml}'s services by name. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> composeServices() {
    Map<String, Object> compose = (Map<String, Object>) yamlDocuments(read(repo().resolve("docker-compose.yml"))).get(0);
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  /** The services that run Floe's image, by name. */
  static Map<String, Map<String, Object>> floeComposeServices() {
    Map<String, Map<String, Object>> floe = new LinkedHashMap<>();
    composeServices().forEach((name, service) -> {
      if (String.valueOf(service.get("image")).startsWith("floe:")) {
        floe.put(name, service);
      }
    });
    return floe;
  }

  /** A compose service's environment as text values. */
  @SuppressWarnings("unchecked")
  static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new LinkedHashMap<>();
    Object declared = service.get("environment");
    if (declared instanceof Map<?, ?> map) {
      map.forEach((key, value) -> env.put(key.toString(), value == null ? "" : value.toString()));
    } else if (declared instanceof List<?> list) {
      for (Object entry : list) {
        String[] pair = entry.toString().split("=", 2);
        env.put(pair[0], pair.length > 1 ? pair[1] : "");
      }
    }
    return env;
  }

  /** The repository file a compose service mounts at {@code containerPath}. */
  static Path mountedFile(Map<String, Object> service, String containerPath) {
    for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
      String[] parts = volume.toString().split(":");
      if (parts.length > 1 && parts[1].equals(containerPath)) {
        return repo().resolve(parts[0]).normalize();
      }
    }
    throw new AssertionError(containerPath + " is not mounted into the compose service");
  }

  /** The Floe service a compose service or container runs: the first argument of the launcher. */
  @SuppressWarnings("unchecked")
  static String floeService(Map<String, Object> composeService) {
    Object command = composeService.get("command");
    return command instanceof List<?> list ? list.get(0).toString() : command.toString().split("\\s+")[0];
  }

  /** The main class the image's launcher starts for each service name. */
  static Map<String, String> launcherMainClasses() {
    Map<String, String> mains = new LinkedHashMap<>();
    Matcher matcher = LAUNCHER_CASE.matcher(read(repo().resolve("deploy/docker/floe")));
    while (matcher.find()) {
      mains.put(matcher.group(1), matcher.group(2));
    }
    return mains;
  }
}
