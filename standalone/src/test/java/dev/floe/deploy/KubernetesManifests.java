package dev.floe.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The objects a kustomization renders: with {@code kubectl kustomize} where kubectl is installed
 * (as on CI), else by reading the kustomization's resource files directly, which skips kustomize's
 * transformations (the namespace) and says so.
 */
final class KubernetesManifests {
  private KubernetesManifests() {}

  static List<Map<String, Object>> render(Path kustomization) {
    Optional<Path> kubectl = onPath("kubectl");
    if (kubectl.isPresent()) {
      return parse(kubectlKustomize(kubectl.get(), kustomization));
    }
    System.err.println(
        "kubectl is not installed: reading the resource files of " + kustomization
            + " directly instead of rendering them with kubectl kustomize (kustomize's transformations are not applied)");
    List<Map<String, Object>> objects = new ArrayList<>();
    collectResources(kustomization, objects);
    return objects;
  }

  /** The objects of one kind, e.g. {@code Deployment}. */
  static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object parent, String... path) {
    Object node = parent;
    for (String key : path) {
      node = node == null ? null : ((Map<String, Object>) node).get(key);
    }
    return (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    Object value = parent == null ? null : parent.get(key);
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  static String name(Map<String, Object> object) {
    return String.valueOf(map(object, "metadata").get("name"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : DeployFiles.yamlDocuments(yaml)) {
      objects.add((Map<String, Object>) document);
    }
    return objects;
  }

  @SuppressWarnings("unchecked")
  private static void collectResources(Path dir, List<Map<String, Object>> objects) {
    Map<String, Object> kustomization =
        (Map<String, Object>) DeployFiles.yamlDocuments(DeployFiles.read(dir.resolve("kustomization.yaml"))).get(0);
    for (Object resource : (List<Object>) kustomization.getOrDefault("resources", List.of())) {
      Path path = dir.resolve(resource.toString()).normalize();
      if (Files.isDirectory(path)) {
        collectResources(path, objects);
      } else {
        objects.addAll(parse(DeployFiles.read(path)));
      }
    }
  }

  private static String kubectlKustomize(Path kubectl, Path dir) {
    try {
      Path out = Files.createTempFile("kustomize", ".yaml");
      try {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
            .redirectOutput(out.toFile())
            .redirectErrorStream(false)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("kubectl kustomize " + dir + " did not finish within 120 s");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException("kubectl kustomize " + dir + " failed with exit code " + process.exitValue());
        }
        return Files.readString(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
