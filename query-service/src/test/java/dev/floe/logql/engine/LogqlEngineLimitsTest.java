package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.SECOND;
import static dev.floe.logql.engine.EngineFixture.limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.logql.LogqlParser;
import dev.floe.lang.Labels;
import dev.floe.lang.QueryStoppedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Limits and failures a user meets: too many series, too slow, lines the pipeline could not process. */
class LogqlEngineLimitsTest {

  @Test
  void tooManySeriesFailWithLokisMessage() {
    LogqlEngine engine = new LogqlEngine(PodFixture.source(), limits(3, 5000, Duration.ofMinutes(1)));
    LogqlQuery instant = LogqlQuery.instant(LogqlParser.parse(PodFixture.COUNTS), 60 * SECOND, 100, Direction.BACKWARD);
    assertThatThrownBy(() -> engine.execute(instant))
        .isInstanceOf(LogqlQueryException.class)
        .hasMessage("maximum of series (3) reached for a single query");
    LogqlQuery range =
        LogqlQuery.range(LogqlParser.parse(PodFixture.COUNTS), 0, 60 * SECOND, 10 * SECOND, 0, 100, Direction.BACKWARD);
    assertThatThrownBy(() -> engine.execute(range)).hasMessage("maximum of series (3) reached for a single query");
    LogqlQuery aggregated =
        LogqlQuery.instant(LogqlParser.parse(PodFixture.BY_APP), 60 * SECOND, 100, Direction.BACKWARD);
    assertThat(engine.execute(aggregated).value()).isInstanceOf(QueryValue.Vector.class);
  }

  @Test
  void aQueryPastItsDeadlineTimesOut() {
    LogqlEngine engine = new LogqlEngine(PodFixture.source(), limits(500, 5000, Duration.ofNanos(1)));
    LogqlQuery query = LogqlQuery.instant(LogqlParser.parse(PodFixture.COUNTS), 60 * SECOND, 100, Direction.BACKWARD);
    assertThatThrownBy(() -> engine.execute(query))
        .isInstanceOfSatisfying(QueryStoppedException.class, e -> assertThat(e.timedOut()).isTrue());
  }

  @Test
  void anInterruptedQueryStops() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> EngineFixture.instant(PodFixture.source(), PodFixture.COUNTS, 60))
          .isInstanceOfSatisfying(QueryStoppedException.class, e -> assertThat(e.timedOut()).isFalse());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void metricSamplesCarryingAnErrorFailTheQuery() {
    LogSource source =
        new InMemoryLogSource()
            .add(Labels.of("app", "api"), 10 * SECOND, "fine")
            .add(Labels.of("app", "api"), Labels.of("__error__", "JSONParserErr"), 20 * SECOND, "{bad");
    String query = "sum by (app) (count_over_time({app=\"api\"}[1m]))";
    assertThatThrownBy(() -> EngineFixture.instant(source, query, 30))
        .isInstanceOf(LogqlQueryException.class)
        .hasMessage(
            "pipeline error: 'JSONParserErr' for series: '{__error__=\"JSONParserErr\", app=\"api\"}'.\n"
                + "Use a label filter to intentionally skip this error. (e.g | __error__!=\"JSONParserErr\").\n"
                + "To skip all potential errors you can match empty errors.(e.g __error__=\"\")\n"
                + "The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__=\"\" )\n");
    // Outside every window the bad line does not matter.
    assertThat(EngineFixture.instant(source, query, 15).value()).isInstanceOf(QueryValue.Vector.class);
  }

  @Test
  void approximateTopkIsForInstantQueriesOnly() {
    String query = "approx_topk(1, " + PodFixture.COUNTS + ")";
    assertThat(EngineFixture.render(EngineFixture.instant(PodFixture.source(), query, 60).value()))
        .isEqualTo("{app=\"web\", pod=\"d\"} 6");
    assertThatThrownBy(() -> EngineFixture.range(PodFixture.source(), query, 0, 60, 10))
        .hasMessage("count min sketches are only supported on instant queries");
  }
}
