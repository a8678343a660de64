package dev.floe.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs Prometheus's own engine test scripts against the engine. Each file's pass count is printed; a
 * core file (stable PromQL) must not fall below the level recorded in
 * {@code promql-conformance-levels.properties}. Files on experimental PromQL are run and reported only.
 * Set {@code -Dfloe.promql.conformance.verbose=true} to print each failing eval.
 */
class PromqlConformanceTest {
  static final Set<String> CORE = Set.of(
      "aggregators", "at_modifier", "collision", "functions", "histograms", "literals", "name_label_dropping",
      "operators", "range_queries", "selectors", "staleness", "subquery", "trig_functions");

  @Test
  void conformanceScriptsPassAtRecordedLevels() throws IOException {
    String shared = System.getProperty("floe.shared.dir");
    Path dir = shared == null ? null : Paths.get(shared, "conformance", "promql");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
        "PromQL conformance scripts not found (system property floe.shared.dir + /conformance/promql): " + dir);
    Properties levels = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/promql-conformance-levels.properties")) {
      if (in != null) {
        levels.load(in);
      }
    }
    boolean verbose = Boolean.getBoolean("floe.promql.conformance.verbose");
    List<String> regressions = new ArrayList<>();
    int corePassed = 0;
    int coreTotal = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
        String name = file.getFileName().toString().replace(".test", "");
        List<String> lines = Files.readAllLines(file);
        List<ScriptCommand> commands;
        try {
          commands = TestScript.parse(lines);
        } catch (RuntimeException e) {
          // A script using notation the harness does not know counts as all of its evals failing.
          long evals = lines.stream().filter(l -> l.startsWith("eval")).count();
          System.out.printf("%-22s cannot be read (%s): 0 / %d%n", name, e.getMessage(), evals);
          coreTotal += CORE.contains(name) ? (int) evals : 0;
          if (CORE.contains(name)) {
            regressions.add(name + ": cannot be read: " + e.getMessage());
          }
          continue;
        }
        List<ScriptRunner.Outcome> outcomes = new ScriptRunner().run(commands);
        long passed = outcomes.stream().filter(o -> o.failure() == null).count();
        boolean core = CORE.contains(name);
        System.out.printf("%-22s %-12s %4d / %4d%n", name, core ? "core" : "experimental", passed, outcomes.size());
        if (verbose) {
          outcomes.stream().filter(o -> o.failure() != null).forEach(o -> System.out.printf(
              "  %s:%d %s%n    -> %s%n", name, o.eval().line(), o.eval().expr(), o.failure()));
        }
        if (core) {
          corePassed += passed;
          coreTotal += outcomes.size();
          int level = Integer.parseInt(levels.getProperty(name, "0"));
          if (passed < level) {
            regressions.add(name + ": " + passed + " passed, recorded level " + level);
          }
        }
      }
    }
    System.out.printf("%-22s %-12s %4d / %4d (%.1f%%)%n", "total", "core", corePassed, coreTotal,
        100.0 * corePassed / Math.max(1, coreTotal));
    assertThat(regressions).isEmpty();
  }
}
