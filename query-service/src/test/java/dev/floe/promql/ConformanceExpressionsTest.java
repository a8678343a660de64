package dev.floe.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.promql.conformance.ConformanceScripts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Parses every expression that the Prometheus engine test scripts expect to evaluate successfully.
 * Expressions that are expected to fail ({@code eval_fail} or {@code expect fail}) are left out,
 * since they may fail either at parse or at evaluation time. Every parsed expression must also print
 * to canonical PromQL that parses back to an equal tree. Expressions that do not parse yet are listed
 * in {@code promql-known-parse-failures.txt}: a failure not listed there fails the test, and so does a
 * listed one that parses now, so the list stays exact.
 */
class ConformanceExpressionsTest {
  private static final Pattern INSTANT = Pattern.compile("^eval(_\\w+)? instant at \\S+ (.*)$");
  private static final Pattern RANGE = Pattern.compile("^eval(_\\w+)? range from \\S+ to \\S+ step \\S+ (.*)$");
  /** Raise this when the parser learns more; it guards against regressions. */
  private static final int MINIMUM_PARSED = 2178;
  private static final String KNOWN_FAILURES = "promql-known-parse-failures.txt";

  @Test
  void parsesConformanceExpressions() throws IOException {
    Path dir = ConformanceScripts.folder();

    Map<String, int[]> perFile = new TreeMap<>();
    Map<String, String> failures = new TreeMap<>();
    List<String> roundTripFailures = new ArrayList<>();
    for (Path file : ConformanceScripts.scripts(dir)) {
      int[] counts = new int[2];
      for (String expr : expectedToSucceed(Files.readAllLines(file))) {
        counts[1]++;
        try {
          Expr parsed = PromqlParser.parse(expr, true);
          counts[0]++;
          if (!PromqlParser.parse(parsed.toString(), true).equals(parsed)) {
            roundTripFailures.add(file.getFileName() + ": " + expr + " printed as " + parsed);
          }
        } catch (PromqlParseException e) {
          failures.put(ConformanceScripts.name(file) + ": " + expr, e.getMessage());
        }
      }
      perFile.put(file.getFileName().toString(), counts);
    }
    int parsed = 0;
    int total = 0;
    for (Map.Entry<String, int[]> entry : perFile.entrySet()) {
      System.out.printf("%-28s %4d / %4d%n", entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
      parsed += entry.getValue()[0];
      total += entry.getValue()[1];
    }
    System.out.printf("%-28s %4d / %4d%n", "total", parsed, total);
    failures.forEach((expr, error) -> System.out.println("cannot parse " + expr + " -> " + error));
    Set<String> known = knownParseFailures();
    assertThat(failures.keySet()).as("parse failures not listed in " + KNOWN_FAILURES).isSubsetOf(known);
    assertThat(known).as("listed in " + KNOWN_FAILURES + " but parsing now (remove them)")
        .isSubsetOf(failures.keySet());
    assertThat(parsed).isGreaterThanOrEqualTo(MINIMUM_PARSED);
    assertThat(roundTripFailures).isEmpty();
  }

  /** Cutting a valid query anywhere must give a parse error, never another exception. */
  @Test
  void truncatedExpressionsFailCleanly() throws IOException {
    Path dir = ConformanceScripts.folder();
    List<String> crashes = new ArrayList<>();
    for (Path file : ConformanceScripts.scripts(dir)) {
      for (String expr : expectedToSucceed(Files.readAllLines(file))) {
        for (int end = 0; end < expr.length(); end++) {
          String prefix = expr.substring(0, end);
          try {
            PromqlParser.parse(prefix, true);
          } catch (PromqlParseException expected) {
            assertThat(expected.offset()).isBetween(0, prefix.length());
          } catch (RuntimeException e) {
            crashes.add(prefix + " -> " + e);
          }
        }
      }
    }
    assertThat(crashes).isEmpty();
  }

  /** The expressions known not to parse, as {@code script: expression} lines. */
  private static Set<String> knownParseFailures() throws IOException {
    try (InputStream in = ConformanceExpressionsTest.class.getResourceAsStream("/" + KNOWN_FAILURES)) {
      assertThat(in).as("test resource " + KNOWN_FAILURES).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The expressions of eval commands not marked to fail. */
  private static List<String> expectedToSucceed(List<String> lines) {
    List<String> exprs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("eval_fail")) {
        continue;
      }
      Matcher matcher = INSTANT.matcher(line);
      if (!matcher.matches()) {
        matcher = RANGE.matcher(line);
        if (!matcher.matches()) {
          continue;
        }
      }
      if (!expectsFailure(lines, i + 1)) {
        exprs.add(matcher.group(2));
      }
    }
    return exprs;
  }

  private static boolean expectsFailure(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || lines.get(i).startsWith("eval") || lines.get(i).startsWith("load")
          || lines.get(i).startsWith("clear")) {
        return false;
      }
      if (line.startsWith("expect fail")) {
        return true;
      }
    }
    return false;
  }
}
