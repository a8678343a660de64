package dev.floe.promql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs Prometheus's own engine test scripts against the engine. Each file's pass count is printed and
 * must not fall below the floor recorded for it in {@code promql-conformance-levels.properties}: every
 * script has a floor, core (stable PromQL) and experimental alike, and a script that cannot be read
 * passes 0. A missing levels file, a core script that disappears, or a script without a floor fails.
 * Set {@code -Dfloe.promql.conformance.verbose=true} to print each failing eval.
 */
class PromqlConformanceTest {
  static final Set<String> CORE = Set.of(
      "aggregators", "at_modifier", "collision", "functions", "histograms", "literals", "name_label_dropping",
      "operators", "range_queries", "selectors", "staleness", "subquery", "trig_functions");

  @Test
  void conformanceScriptsPassAtRecordedLevels() throws IOException {
    Path dir = ConformanceScripts.folder();
    Properties levels = levels();
    boolean verbose = Boolean.getBoolean("floe.promql.conformance.verbose");
    List<String> regressions = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    int corePassed = 0;
    int coreTotal = 0;
    for (Path file : ConformanceScripts.scripts(dir)) {
      String name = ConformanceScripts.name(file);
      seen.add(name);
      boolean core = CORE.contains(name);
      String level = levels.getProperty(name);
      if (level == null) {
        regressions.add(name + ": no floor in promql-conformance-levels.properties");
      }
      List<String> lines = Files.readAllLines(file);
      long passed;
      long total;
      try {
        List<ScriptRunner.Outcome> outcomes = new ScriptRunner().run(TestScript.parse(lines));
        passed = outcomes.stream().filter(o -> o.failure() == null).count();
        total = outcomes.size();
        System.out.printf("%-22s %-12s %4d / %4d%n", name, core ? "core" : "experimental", passed, total);
        if (verbose) {
          outcomes.stream().filter(o -> o.failure() != null).forEach(o -> System.out.printf(
              "  %s:%d %s%n    -> %s%n", name, o.eval().line(), o.eval().expr(), o.failure()));
        }
      } catch (RuntimeException e) {
        // A script using notation the harness does not know counts as all of its evals failing.
        passed = 0;
        total = lines.stream().filter(l -> l.startsWith("eval")).count();
        System.out.printf("%-22s cannot be read (%s): 0 / %d%n", name, e.getMessage(), total);
        if (level != null && Integer.parseInt(level) > 0) {
          regressions.add(name + ": cannot be read: " + e.getMessage());
        }
      }
      if (core) {
        corePassed += passed;
        coreTotal += total;
      }
      if (level != null && passed < Integer.parseInt(level)) {
        regressions.add(name + ": " + passed + " passed, recorded level " + level);
      }
    }
    for (String name : CORE) {
      if (!seen.contains(name)) {
        regressions.add(name + ": core script missing from " + dir);
      }
    }
    System.out.printf("%-22s %-12s %4d / %4d (%.1f%%)%n", "total", "core", corePassed, coreTotal,
        100.0 * corePassed / Math.max(1, coreTotal));
    assertThat(regressions).isEmpty();
  }

  private Properties levels() throws IOException {
    Properties levels = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/promql-conformance-levels.properties")) {
      assertThat(in).as("test resource promql-conformance-levels.properties").isNotNull();
      levels.load(in);
    }
    return levels;
  }
}
