package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.SECOND;
import static dev.floe.logql.engine.EngineFixture.instant;
import static dev.floe.logql.engine.EngineFixture.range;
import static dev.floe.logql.engine.EngineFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.lang.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vector aggregations over the counts of {@link PodFixture}, as instant queries at 60 s. */
class LogqlEngineVectorAggregationTest {
  private static final LogSource SOURCE = PodFixture.source();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sum by (app) (COUNTS)                 | {app="api"} 4; {app="web"} 8
          sum without (pod) (COUNTS)            | {app="api"} 4; {app="web"} 8
          sum(COUNTS)                           | {} 12
          sum by (nothing) (COUNTS)             | {} 12
          avg by (app) (COUNTS)                 | {app="api"} 2; {app="web"} 4
          min by (app) (COUNTS)                 | {app="api"} 1; {app="web"} 2
          max by (app) (COUNTS)                 | {app="api"} 3; {app="web"} 6
          count by (app) (COUNTS)               | {app="api"} 2; {app="web"} 2
          stddev by (app) (COUNTS)              | {app="api"} 1; {app="web"} 2
          stdvar by (app) (COUNTS)              | {app="api"} 1; {app="web"} 4
          stdvar(COUNTS)                        | {} 3.5
          topk(1, COUNTS)                       | {app="web", pod="d"} 6
          topk(1, COUNTS) by (app)              | {app="api", pod="a"} 3; {app="web", pod="d"} 6
          topk(10, COUNTS)                      | {app="api", pod="a"} 3; {app="api", pod="b"} 1; {app="web", pod="c"} 2; {app="web", pod="d"} 6
          bottomk(1, COUNTS)                    | {app="api", pod="b"} 1
          bottomk(1, COUNTS) by (app)           | {app="api", pod="b"} 1; {app="web", pod="c"} 2
          sort(COUNTS)                          | {app="api", pod="b"} 1; {app="web", pod="c"} 2; {app="api", pod="a"} 3; {app="web", pod="d"} 6
          sort_desc(COUNTS)                     | {app="web", pod="d"} 6; {app="api", pod="a"} 3; {app="web", pod="c"} 2; {app="api", pod="b"} 1
          sort_desc(sum by (app) (COUNTS))      | {app="web"} 8; {app="api"} 4
          """)
  void instantAggregations(String query, String expected) {
    String expanded = query.replace("COUNTS", PodFixture.COUNTS);
    assertThat(render(instant(SOURCE, expanded, 60).value())).isEqualTo(expected);
  }

  @Test
  void rangeQueriesAggregateEachStep() {
    assertThat(render(range(SOURCE, "sum by (app) (" + PodFixture.COUNTS + ")", 20, 60, 20).value()))
        .isEqualTo("{app=\"api\"} 20:3 40:4 60:4; {app=\"web\"} 20:4 40:6 60:8");
  }

  @Test
  void topkPicksItsSeriesAtEachStep() {
    Labels early = Labels.of("k", "early");
    Labels late = Labels.of("k", "late");
    InMemoryLogSource source = new InMemoryLogSource();
    for (long second : new long[] {1, 2, 3}) {
      source.add(early, second * SECOND, "x");
    }
    for (long second = 11; second <= 15; second++) {
      source.add(late, second * SECOND, "x");
    }
    assertThat(render(range(source, "topk(1, count_over_time({k=~\".+\"}[10s]))", 10, 20, 10).value()))
        .isEqualTo("{k=\"early\"} 10:3; {k=\"late\"} 20:5");
  }
}
