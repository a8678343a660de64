package dev.floe.query.patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the patterns of log lines in the manner of the Drain algorithm, which Loki's pattern
 * endpoint uses: lines are split into tokens at spaces; lines with as many tokens whose first
 * constant token agrees join the most similar cluster when at least {@value #SIMILARITY} of their
 * tokens are equal, and the positions where the lines of a cluster differ become {@code <_>}. Each
 * cluster counts its lines per step of the query range.
 */
public final class PatternMiner {
  static final String WILDCARD = "<_>";
  private static final double SIMILARITY = 0.3;
  private static final int MAX_TOKENS = 128;
  private static final int MAX_CLUSTERS_PER_GROUP = 100;

  private final long startNanos;
  private final long stepNanos;
  private final int steps;
  private final Map<String, List<Cluster>> groups = new HashMap<>();

  /**
   * @param startNanos the first step's time; a line at {@code t} counts in the step whose window
   *     {@code (T - step, T]} holds it
   */
  public PatternMiner(long startNanos, long endNanos, long stepNanos) {
    this.startNanos = startNanos;
    this.stepNanos = stepNanos;
    this.steps = (int) ((endNanos - startNanos) / stepNanos) + 1;
  }

  /** One pattern and its line counts per step ({@code 0} where no line fell). */
  public record Pattern(String pattern, long[] counts, long total) {}

  public void add(long timestampNanos, String line) {
    int step = (int) Math.max(0, Math.min(steps - 1, Math.floorDiv(timestampNanos - startNanos + stepNanos - 1, stepNanos)));
    String[] tokens = tokens(line);
    List<Cluster> group = groups.computeIfAbsent(tokens.length + " " + groupKey(tokens), unused -> new ArrayList<>());
    Cluster best = null;
    double bestSimilarity = -1;
    for (Cluster cluster : group) {
      double similarity = cluster.similarity(tokens);
      if (similarity > bestSimilarity) {
        best = cluster;
        bestSimilarity = similarity;
      }
    }
    if (best == null || bestSimilarity < SIMILARITY) {
      if (group.size() >= MAX_CLUSTERS_PER_GROUP) {
        best = group.get(group.size() - 1);
      } else {
        best = new Cluster(tokens, steps);
        group.add(best);
      }
    }
    best.merge(tokens);
    best.counts[step]++;
    best.total++;
  }

  /** The patterns found, most frequent first. */
  public List<Pattern> patterns() {
    List<Pattern> patterns = new ArrayList<>();
    for (List<Cluster> group : groups.values()) {
      for (Cluster cluster : group) {
        patterns.add(new Pattern(String.join(" ", cluster.tokens), cluster.counts.clone(), cluster.total));
      }
    }
    patterns.sort((a, b) -> a.total() != b.total() ? Long.compare(b.total(), a.total()) : a.pattern().compareTo(b.pattern()));
    return patterns;
  }

  private static String[] tokens(String line) {
    String[] tokens = line.trim().split(" +", MAX_TOKENS + 1);
    if (tokens.length > MAX_TOKENS) {
      // The tail of a very long line is one token: patterns stay bounded.
      tokens[MAX_TOKENS - 1] = WILDCARD;
      String[] bounded = new String[MAX_TOKENS];
      System.arraycopy(tokens, 0, bounded, 0, MAX_TOKENS);
      return bounded;
    }
    return tokens;
  }

  /** The first token without digits: numbers and ids vary too much to tell lines apart. */
  private static String groupKey(String[] tokens) {
    for (String token : tokens) {
      if (!hasDigit(token)) {
        return token;
      }
    }
    return "";
  }

  private static boolean hasDigit(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The lines of one pattern. */
  private static final class Cluster {
    final String[] tokens;
    final long[] counts;
    long total;

    Cluster(String[] tokens, int steps) {
      this.tokens = tokens.clone();
      this.counts = new long[steps];
    }

    double similarity(String[] line) {
      int equal = 0;
      int constant = 0;
      for (int i = 0; i < tokens.length; i++) {
        if (tokens[i].equals(WILDCARD)) {
          continue;
        }
        constant++;
        if (tokens[i].equals(line[i])) {
          equal++;
        }
      }
      return constant == 0 ? 1 : (double) equal / constant;
    }

    void merge(String[] line) {
      for (int i = 0; i < tokens.length; i++) {
        if (!tokens[i].equals(line[i])) {
          tokens[i] = WILDCARD;
        }
      }
    }
  }
}
