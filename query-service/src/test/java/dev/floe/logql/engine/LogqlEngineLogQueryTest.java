package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.SECOND;
import static dev.floe.logql.engine.EngineFixture.limits;
import static dev.floe.logql.engine.EngineFixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.lang.Labels;
import dev.floe.logql.LogqlParser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Log queries: Loki's limit across streams in the query's direction, {@code [start, end)}, interval, grouping. */
class LogqlEngineLogQueryTest {
  private static final Labels API = Labels.of("app", "api");
  private static final Labels WEB = Labels.of("app", "web");
  private static final LogSource SOURCE =
      new InMemoryLogSource()
          .add(API, 1 * SECOND, "a1")
          .add(API, 3 * SECOND, "a3")
          .add(API, 5 * SECOND, "a5")
          .add(WEB, 2 * SECOND, "w2")
          .add(WEB, 4 * SECOND, "w4")
          .add(WEB, 6 * SECOND, "w6");

  @ParameterizedTest(name = "{0} [{1}s, {2}s) limit {3} {4} interval {5}s")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {app=~".+"}  | 0 | 10 | 3   | BACKWARD | 0 | {app="api"} 5:a5; {app="web"} 6:w6 4:w4
          {app=~".+"}  | 0 | 10 | 3   | FORWARD  | 0 | {app="api"} 1:a1 3:a3; {app="web"} 2:w2
          {app=~".+"}  | 1 | 6  | 100 | FORWARD  | 0 | {app="api"} 1:a1 3:a3 5:a5; {app="web"} 2:w2 4:w4
          {app="web"}  | 0 | 10 | 100 | BACKWARD | 0 | {app="web"} 6:w6 4:w4 2:w2
          {app=~".+"}  | 0 | 10 | 100 | FORWARD  | 2 | {app="api"} 1:a1 3:a3 5:a5
          {app=~".+"}  | 0 | 10 | 100 | BACKWARD | 3 | {app="api"} 3:a3; {app="web"} 6:w6
          {app="none"} | 0 | 10 | 100 | BACKWARD | 0 | ''
          {app=~".+", app!="api"} | 0 | 5  | 100 | FORWARD  | 0 | {app="web"} 2:w2 4:w4
          {app=~".+", app!~"a.*"} | 0 | 5  | 100 | FORWARD  | 0 | {app="web"} 2:w2 4:w4
          {app=~"a"}   | 0 | 5  | 100 | FORWARD  | 0 | ''
          """)
  void logQueries(String query, long start, long end, int limit, Direction direction, long interval, String expected) {
    LogqlQuery request =
        LogqlQuery.range(
            LogqlParser.parse(query), start * SECOND, end * SECOND, SECOND, interval * SECOND, limit, direction);
    for (LogSource source : List.of(SOURCE, EngineFixture.shuffled(SOURCE))) {
      QueryResult result = new LogqlEngine(source, LogqlOptions.defaults()).execute(request);
      assertThat(render(result.value())).isEqualTo(expected);
    }
  }

  @Test
  void entriesWithStructuredMetadataFormTheirOwnStreams() {
    LogSource source =
        new InMemoryLogSource()
            .add(API, 1 * SECOND, "plain")
            .add(API, Labels.of("trace_id", "t1"), 2 * SECOND, "traced");
    QueryResult result = EngineFixture.range(source, "{app=\"api\"}", 0, 10, 1);
    // Loki orders streams by their label text, where ',' sorts before '}'.
    assertThat(render(result.value())).isEqualTo("{app=\"api\", trace_id=\"t1\"} 2:traced; {app=\"api\"} 1:plain");
    QueryValue.Stream traced = ((QueryValue.Streams) result.value()).streams().get(0);
    assertThat(traced.entries().get(0).structuredMetadata()).isEqualTo(Labels.of("trace_id", "t1"));
  }

  @Test
  void statsCountLinesAndBytesRead() {
    QueryResult result = EngineFixture.range(SOURCE, "{app=~\".+\"}", 0, 10, 1);
    assertThat(result.stats().totalLinesProcessed()).isEqualTo(6);
    assertThat(result.stats().totalBytesProcessed()).isEqualTo(12);
    assertThat(result.stats().totalPostFilterLines()).isEqualTo(6);
    assertThat(result.stats().totalEntriesReturned()).isEqualTo(6);
  }

  @Test
  void anOrderedSourceIsReadOnlyUpToTheLimit() {
    LogqlQuery query =
        LogqlQuery.range(LogqlParser.parse("{app=~\".+\"}"), 0, 10 * SECOND, SECOND, 0, 2, Direction.BACKWARD);
    LogqlEngine ordered = new LogqlEngine(SOURCE, LogqlOptions.defaults());
    assertThat(ordered.execute(query).stats().totalLinesProcessed()).isEqualTo(3);
    LogqlEngine unordered = new LogqlEngine(EngineFixture.shuffled(SOURCE), LogqlOptions.defaults());
    QueryResult result = unordered.execute(query);
    assertThat(result.stats().totalLinesProcessed()).isEqualTo(6);
    assertThat(render(result.value())).isEqualTo("{app=\"api\"} 5:a5; {app=\"web\"} 6:w6");
  }

  @Test
  void instantLogQueriesAreRefusedAsLokiDoes() {
    assertThatThrownBy(() -> EngineFixture.instant(SOURCE, "{app=\"api\"}", 10))
        .isInstanceOf(LogqlQueryException.class)
        .hasMessage(
            "log queries are not supported as an instant query type, please change your query to a range query type")
        .extracting(e -> ((LogqlQueryException) e).status())
        .isEqualTo(400);
  }

  @Test
  void aLimitAboveTheMaximumIsRefused() {
    LogqlEngine engine = new LogqlEngine(SOURCE, limits(500, 5000, Duration.ofMinutes(1)));
    LogqlQuery query =
        LogqlQuery.range(LogqlParser.parse("{app=\"api\"}"), 0, 10 * SECOND, SECOND, 0, 5001, Direction.BACKWARD);
    assertThatThrownBy(() -> engine.execute(query))
        .isInstanceOf(LogqlQueryException.class)
        .hasMessage("max entries limit per query exceeded, limit > max_entries_limit_per_query (5001 > 5000)");
  }
}
