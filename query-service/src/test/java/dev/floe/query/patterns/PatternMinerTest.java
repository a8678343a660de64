package dev.floe.query.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.query.patterns.PatternMiner.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternMinerTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void linesDifferingInVariableTokensShareOnePattern() {
    PatternMiner miner = new PatternMiner(0, 60 * SECOND, 60 * SECOND);
    miner.add(1, "user 17 logged in from 10.0.0.1");
    miner.add(2, "user 42 logged in from 10.0.0.7");
    miner.add(3, "user 99 logged in from 10.0.0.9");

    assertThat(miner.patterns()).extracting(Pattern::pattern, Pattern::total)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("user <_> logged in from <_>", 3L));
  }

  @Test
  void linesOfDifferentLengthsOrFirstWordsNeverMerge() {
    PatternMiner miner = new PatternMiner(0, 60 * SECOND, 60 * SECOND);
    miner.add(1, "cache miss key 1");
    miner.add(2, "cache miss key 2 again");
    miner.add(3, "payment miss key 3");

    assertThat(miner.patterns()).extracting(Pattern::pattern)
        .containsExactlyInAnyOrder("cache miss key 1", "cache miss key 2 again", "payment miss key 3");
  }

  @Test
  void dissimilarLinesOfOneGroupStaySeparate() {
    PatternMiner miner = new PatternMiner(0, 60 * SECOND, 60 * SECOND);
    // Same length and first word, but only "GET" in common: below the 30% similarity.
    miner.add(1, "GET /cart 200 12ms fast ok");
    miner.add(2, "GET alpha beta gamma delta epsilon");

    assertThat(miner.patterns()).hasSize(2);
  }

  @Test
  void countsEachLineInTheStepWhoseWindowEndsAtOrAfterIt() {
    PatternMiner miner = new PatternMiner(0, 20 * SECOND, 10 * SECOND);
    miner.add(0, "tick 1");
    miner.add(5 * SECOND, "tick 2");
    miner.add(10 * SECOND, "tick 3");
    miner.add(20 * SECOND, "tick 4");

    List<Pattern> patterns = miner.patterns();
    assertThat(patterns).hasSize(1);
    assertThat(patterns.get(0).pattern()).isEqualTo("tick <_>");
    // Steps at 0, 10 s and 20 s: the window (T - 10 s, T] of each.
    assertThat(patterns.get(0).counts()).containsExactly(1, 2, 1);
  }

  @Test
  void patternsComeMostFrequentFirstThenByText() {
    PatternMiner miner = new PatternMiner(0, 60 * SECOND, 60 * SECOND);
    miner.add(1, "beta once");
    miner.add(2, "alpha once");
    miner.add(3, "gamma x1");
    miner.add(4, "gamma x2");

    assertThat(miner.patterns()).extracting(Pattern::pattern).containsExactly("gamma <_>", "alpha once", "beta once");
  }

  @Test
  void theTailOfAVeryLongLineIsOneToken() {
    PatternMiner miner = new PatternMiner(0, 60 * SECOND, 60 * SECOND);
    String head = "w ".repeat(127);
    miner.add(1, head + "one two three");
    miner.add(2, head + "four five six seven");

    List<Pattern> patterns = miner.patterns();
    assertThat(patterns).hasSize(1);
    assertThat(patterns.get(0).pattern().split(" ")).hasSize(128).endsWith("<_>");
    assertThat(patterns.get(0).total()).isEqualTo(2);
  }
}
