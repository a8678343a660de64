package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.instant;
import static dev.floe.logql.engine.EngineFixture.range;
import static dev.floe.logql.engine.EngineFixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Binary operators, vector matching and {@code label_replace} over {@link PodFixture} (COUNTS: api/a 3, api/b 1,
 * web/c 2, web/d 6; BY_APP: api 4, web 8), as instant queries at 60 s.
 */
class LogqlEngineBinaryTest {
  private static final LogSource SOURCE = PodFixture.source();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          BY_APP * 2                                          | {app="api"} 8; {app="web"} 16
          10 - BY_APP                                         | {app="api"} 6; {app="web"} 2
          BY_APP / 0                                          | {app="api"} NaN; {app="web"} NaN
          BY_APP % 0                                          | {app="api"} NaN; {app="web"} NaN
          0 / BY_APP                                          | {app="api"} 0; {app="web"} 0
          BY_APP % 3                                          | {app="api"} 1; {app="web"} 2
          BY_APP ^ 2                                          | {app="api"} 16; {app="web"} 64
          BY_APP > 5                                          | {app="web"} 8
          BY_APP > bool 5                                     | {app="api"} 0; {app="web"} 1
          5 < BY_APP                                          | {app="web"} 8
          BY_APP == 4                                         | {app="api"} 4
          BY_APP != bool 4                                    | {app="api"} 0; {app="web"} 1
          BY_APP / count by (app) (COUNTS)                    | {app="api"} 2; {app="web"} 4
          BY_APP >= bool on (app) count by (app) (COUNTS)     | {app="api"} 1; {app="web"} 1
          BY_APP < count by (app) (COUNTS)                    | ''
          COUNTS / on (app) group_left BY_APP                 | {app="api", pod="a"} 0.75; {app="api", pod="b"} 0.25; {app="web", pod="c"} 0.25; {app="web", pod="d"} 0.75
          COUNTS - ignoring (pod) group_left BY_APP           | {app="api", pod="a"} -1; {app="api", pod="b"} -3; {app="web", pod="c"} -6; {app="web", pod="d"} -2
          BY_APP / on (app) group_right COUNTS                | {app="api", pod="a"} 1.333333; {app="api", pod="b"} 4; {app="web", pod="c"} 4; {app="web", pod="d"} 1.333333
          sum by (pod) (COUNTS) + on () group_left sum(COUNTS) | {pod="a"} 15; {pod="b"} 13; {pod="c"} 14; {pod="d"} 18
          COUNTS and on (app) (BY_APP > 5)                    | {app="web", pod="c"} 2; {app="web", pod="d"} 6
          COUNTS unless on (app) (BY_APP > 5)                 | {app="api", pod="a"} 3; {app="api", pod="b"} 1
          BY_APP > 5 or BY_APP                                | {app="api"} 4; {app="web"} 8
          BY_APP and COUNTS                                   | ''
          label_replace(BY_APP, "short", "$1", "app", "(.)pi")            | {app="api", short="a"} 4; {app="web"} 8
          label_replace(BY_APP, "short", "${first}-$$", "app", "(?P<first>[a-z])[a-z]+") | {app="api", short="a-$"} 4; {app="web", short="w-$"} 8
          label_replace(BY_APP, "app", "", "app", "web")                  | {} 8; {app="api"} 4
          label_replace(BY_APP, "copy", "$1x", "app", "(.*)")             | {app="api"} 4; {app="web"} 8
          label_replace(BY_APP, "copy", "${1}x", "missing", "")           | {app="api", copy="x"} 4; {app="web", copy="x"} 8
          """)
  void instantQueries(String query, String expected) {
    String expanded = query.replace("BY_APP", PodFixture.BY_APP).replace("COUNTS", PodFixture.COUNTS);
    assertThat(render(instant(SOURCE, expanded, 60).value())).isEqualTo(expected);
  }

  @Test
  void groupLeftCopiesTheNamedLabelsOfTheOneSide() {
    String teams = "label_replace(" + PodFixture.BY_APP + ", \"team\", \"t-$1\", \"app\", \"(.*)\")";
    String query = PodFixture.COUNTS + " * on (app) group_left (team) " + teams;
    assertThat(render(instant(SOURCE, query, 60).value()))
        .isEqualTo(
            "{app=\"api\", pod=\"a\", team=\"t-api\"} 12; {app=\"api\", pod=\"b\", team=\"t-api\"} 4; "
                + "{app=\"web\", pod=\"c\", team=\"t-web\"} 16; {app=\"web\", pod=\"d\", team=\"t-web\"} 48");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1 + 1           | 2
          2 * 3 ^ 2       | 18
          2 ^ 3 ^ 2       | 512
          1 > 2           | 0
          7 % 4           | 3
          1 / 0           | NaN
          """)
  void numbersMakeScalars(String query, String expected) {
    QueryResult result = instant(SOURCE, query, 60);
    assertThat(result.value()).isInstanceOf(QueryValue.Scalar.class);
    assertThat(render(result.value())).isEqualTo(expected);
  }

  @Test
  void grafanasHealthCheckReturnsOneSampleOfTwo() {
    QueryValue value = instant(new InMemoryLogSource(), "vector(1)+vector(1)", 4).value();
    assertThat(value)
        .isEqualTo(
            new QueryValue.Vector(
                java.util.List.of(
                    new QueryValue.Sample(dev.floe.lang.Labels.EMPTY, 4 * EngineFixture.SECOND, 2))));
  }

  @Test
  void rangeQueriesOfNumbersAndVectorsGiveOneUnlabelledSeries() {
    assertThat(render(range(SOURCE, "vector(1) + vector(1)", 0, 20, 10).value())).isEqualTo("{} 0:2 10:2 20:2");
    assertThat(render(range(SOURCE, "3", 0, 20, 10).value())).isEqualTo("{} 0:3 10:3 20:3");
  }

  @Test
  void matchingManyToOneWithoutGroupingFails() {
    String query = PodFixture.COUNTS + " / on (app) " + PodFixture.BY_APP;
    assertThatThrownBy(() -> instant(SOURCE, query, 60))
        .isInstanceOf(LogqlQueryException.class)
        .hasMessage("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
  }

  @Test
  void matchingManyToManyFails() {
    String query = PodFixture.BY_APP + " / on (app) group_left " + PodFixture.COUNTS;
    assertThatThrownBy(() -> instant(SOURCE, query, 60))
        .isInstanceOf(LogqlQueryException.class)
        .hasMessageStartingWith("found duplicate series for the match group {app=\"api\"} on the right hand-side")
        .hasMessageEndingWith("many-to-many matching not allowed: matching labels must be unique on one side");
  }

  @Test
  void labelReplaceRejectsAnInvalidDestination() {
    String query = "label_replace(" + PodFixture.BY_APP + ", \"1bad\", \"x\", \"app\", \"(.*)\")";
    assertThatThrownBy(() -> instant(SOURCE, query, 60))
        .isInstanceOf(LogqlQueryException.class)
        .hasMessage("invalid destination label name in label_replace(): 1bad");
  }
}
