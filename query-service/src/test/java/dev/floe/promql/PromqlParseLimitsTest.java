package dev.floe.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.lang.Labels;
import dev.floe.lang.ParseLimits;
import dev.floe.promql.engine.EngineOptions;
import dev.floe.promql.engine.InMemorySeriesSource;
import dev.floe.promql.engine.PromqlEngine;
import dev.floe.promql.engine.Sample;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Queries too deep or too long for the parser fail with a parse error naming the limit, not a stack overflow. */
class PromqlParseLimitsTest {

  @Test
  void aThousandNestedCallsAreAParseErrorNamingTheLimit() {
    String query = "abs(".repeat(1000) + "up" + ")".repeat(1000);
    assertThatThrownBy(() -> PromqlParser.parse(query))
        .isInstanceOf(PromqlParseException.class)
        .hasMessageContaining("query is nested too deeply: more than 128 levels")
        .hasMessageContaining("limits.maxDepth");
  }

  @Test
  void tenThousandParenthesesAndLongOperatorChainsAreParseErrors() {
    assertThatThrownBy(() -> PromqlParser.parse("(".repeat(10_000) + "1" + ")".repeat(10_000)))
        .isInstanceOf(PromqlParseException.class)
        .hasMessageContaining("query is nested too deeply");
    assertThatThrownBy(() -> PromqlParser.parse(String.join(" + ", Collections.nCopies(5_000, "up"))))
        .isInstanceOf(PromqlParseException.class)
        .hasMessageContaining("query is nested too deeply");
    assertThatThrownBy(() -> PromqlParser.parse("-".repeat(10_000) + "1"))
        .isInstanceOf(PromqlParseException.class)
        .hasMessageContaining("query is nested too deeply");
  }

  @Test
  void aQueryAtTheDepthLimitParsesAndEvaluates() {
    InMemorySeriesSource source = new InMemorySeriesSource();
    source.add(Labels.of("__name__", "up"), Sample.of(0, -2));
    String query = "abs(".repeat(120) + "up" + ")".repeat(120);
    PromqlEngine engine = new PromqlEngine(source, EngineOptions.defaults());
    assertThat(engine.instant(query, 1000).value().toString()).contains("2");
  }

  @Test
  void aQueryLongerThanTheLimitIsAParseErrorNamingTheLimit() {
    assertThatThrownBy(() -> PromqlParser.parse("sum(rate(http_requests_total[5m]))", false, new ParseLimits(128, 10)))
        .isInstanceOf(PromqlParseException.class)
        .hasMessageContaining("query is too long: 34 characters, more than the limit of 10 (limits.maxExpressionLength)");
  }
}
