package dev.floe.promql.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Prometheus's engine test scripts: {@code conformance/promql} in the shared folder, which is the
 * system property {@code floe.shared.dir}, else the environment variable {@code FLOE_SHARED_DIR}, else
 * {@code ../shared} next to the repository root (found by walking up from the working folder, so runs
 * started in a module folder or an IDE find it too). When the folder is absent the calling test is
 * skipped with a message saying so on standard error, never silently.
 */
public final class ConformanceScripts {
  private ConformanceScripts() {}

  /** The script folder; skips the calling test, loudly, when it does not exist. */
  public static Path folder() {
    Path dir = sharedFolder().resolve("conformance").resolve("promql");
    if (!Files.isDirectory(dir)) {
      String message = "SKIPPED: PromQL conformance scripts not found at " + dir
          + " (set -Dfloe.shared.dir or FLOE_SHARED_DIR to the shared folder, or check it out as ../shared"
          + " next to the repository root)";
      System.err.println("*".repeat(100));
      System.err.println(message);
      System.err.println("*".repeat(100));
      Assumptions.abort(message);
    }
    return dir;
  }

  /** The {@code .test} scripts of the folder, sorted by name. */
  public static List<Path> scripts(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".test")).sorted().toList();
    }
  }

  /** A script's name without its {@code .test} extension. */
  public static String name(Path script) {
    return script.getFileName().toString().replace(".test", "");
  }

  static Path sharedFolder() {
    String configured = System.getProperty("floe.shared.dir");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("FLOE_SHARED_DIR");
    }
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured).toAbsolutePath().normalize();
    }
    Path start = Paths.get("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".mvn")) || Files.exists(dir.resolve(".git"))) {
        return dir.resolve("..").resolve("shared").normalize();
      }
    }
    return start.resolve("..").resolve("shared").normalize();
  }
}
