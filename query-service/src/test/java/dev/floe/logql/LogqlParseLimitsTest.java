package dev.floe.logql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.lang.ParseLimits;
import java.util.Collections;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Queries too deep or too long for the parser fail with a parse error naming the limit, not a stack overflow. */
class LogqlParseLimitsTest {
  private static final String TERM = "count_over_time({app=\"api\"}[1m])";

  @Test
  void tenThousandParenthesesAreAParseErrorNamingTheLimit() {
    String query = "(".repeat(10_000) + TERM + ")".repeat(10_000);
    assertThatThrownBy(() -> LogqlParser.parse(query))
        .isInstanceOf(LogqlParseException.class)
        .hasMessageContaining("query is nested too deeply: more than 128 levels")
        .hasMessageContaining("limits.maxDepth");
  }

  @Test
  void aThousandAddedTermsAreAParseErrorNamingTheLimit() {
    String query = String.join(" + ", Collections.nCopies(1000, TERM));
    assertThatThrownBy(() -> LogqlParser.parse(query))
        .isInstanceOf(LogqlParseException.class)
        .hasMessageContaining("query is nested too deeply");
  }

  @Test
  void deeplyNestedLabelFiltersAreAParseErrorNamingTheLimit() {
    String nested = "{app=\"api\"} | " + "(".repeat(5_000) + "a=\"1\"" + ")".repeat(5_000);
    assertThatThrownBy(() -> LogqlParser.parse(nested))
        .isInstanceOf(LogqlParseException.class)
        .hasMessageContaining("query is nested too deeply");
    String chained = "{app=\"api\"} | " + IntStream.range(0, 5_000).mapToObj(i -> "a=\"" + i + "\"")
        .collect(Collectors.joining(" and "));
    assertThatThrownBy(() -> LogqlParser.parse(chained))
        .isInstanceOf(LogqlParseException.class)
        .hasMessageContaining("query is nested too deeply");
  }

  @Test
  void queriesWithinTheLimitsParse() {
    assertThat(LogqlParser.parse("(".repeat(100) + TERM + ")".repeat(100))).isInstanceOf(MetricExpr.class);
    assertThat(LogqlParser.parse(String.join(" + ", Collections.nCopies(100, TERM)))).isInstanceOf(MetricExpr.class);
    ParseLimits shallow = new ParseLimits(2, 1000);
    assertThatThrownBy(() -> LogqlParser.parse("((" + TERM + "))", shallow))
        .hasMessageContaining("more than 2 levels");
  }

  @Test
  void aQueryLongerThanTheLimitIsAParseErrorNamingTheLimit() {
    ParseLimits limits = new ParseLimits(128, 20);
    assertThatThrownBy(() -> LogqlParser.parse(TERM, limits))
        .isInstanceOf(LogqlParseException.class)
        .hasMessageContaining("query is too long: 32 characters, more than the limit of 20 (limits.maxExpressionLength)");
  }
}
