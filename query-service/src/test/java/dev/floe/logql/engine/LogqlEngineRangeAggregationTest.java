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

/**
 * Range aggregations over lines, with Loki's left-open, right-closed windows {@code (t - range, t]}. Stream
 * api has lines at 10 s (4 bytes), 20 s (2), 30 s (1) and 60 s (6); stream web at 15 s (3) and 60 s ("é", 2
 * bytes in UTF-8).
 */
class LogqlEngineRangeAggregationTest {
  private static final Labels API = Labels.of("app", "api", "env", "prod");
  private static final Labels WEB = Labels.of("app", "web", "env", "prod");
  private static final LogSource SOURCE =
      new InMemoryLogSource()
          .add(API, 10 * SECOND, "aaaa")
          .add(API, 20 * SECOND, "bb")
          .add(API, 30 * SECOND, "c")
          .add(API, 60 * SECOND, "dddddd")
          .add(WEB, 15 * SECOND, "xyz")
          .add(WEB, 60 * SECOND, "é");

  @ParameterizedTest(name = "{0} at {1}s")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          count_over_time({env="prod"}[30s])                  | 30 | {app="api", env="prod"} 3; {app="web", env="prod"} 1
          count_over_time({env="prod"}[30s])                  | 60 | {app="api", env="prod"} 1; {app="web", env="prod"} 1
          count_over_time({env="prod"}[30s])                  | 9  | ''
          rate({env="prod"}[30s])                             | 30 | {app="api", env="prod"} 0.1; {app="web", env="prod"} 0.033333
          rate({env="prod"}[30s]) by (env)                    | 30 | {env="prod"} 0.133333
          rate({env="prod"}[30s]) without (app)               | 30 | {env="prod"} 0.133333
          bytes_over_time({env="prod"}[30s])                  | 30 | {app="api", env="prod"} 7; {app="web", env="prod"} 3
          bytes_over_time({env="prod"}[30s])                  | 60 | {app="api", env="prod"} 6; {app="web", env="prod"} 2
          bytes_rate({env="prod"}[30s])                       | 60 | {app="api", env="prod"} 0.2; {app="web", env="prod"} 0.066667
          count_over_time({app="api"}[30s] offset 30s)        | 60 | {app="api", env="prod"} 3
          count_over_time({app="api"} [1m])                   | 60 | {app="api", env="prod"} 4
          absent_over_time({app="api", env=~"prod"}[10s])     | 45 | {app="api"} 1
          absent_over_time({app="api"}[10s])                  | 30 | ''
          absent_over_time({app="nope", app="api"}[10s])      | 45 | {} 1
          """)
  void instantQueries(String query, long time, String expected) {
    assertThat(render(instant(SOURCE, query, time).value())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} from {1}s to {2}s by {3}s")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          count_over_time({env="prod"}[30s])                  | 30 | 60 | 15 | {app="api", env="prod"} 30:3 45:2 60:1; {app="web", env="prod"} 30:1 60:1
          count_over_time({app="api"}[10s] offset 10s)        | 20 | 40 | 10 | {app="api", env="prod"} 20:1 30:1 40:1
          sum(count_over_time({env="prod"}[15s]))             | 15 | 60 | 15 | {} 15:2 30:2 60:2
          absent_over_time({app="api", env=~"prod"}[10s])     | 30 | 60 | 15 | {app="api"} 45:1
          """)
  void rangeQueries(String query, long start, long end, long step, String expected) {
    assertThat(render(range(SOURCE, query, start, end, step).value())).isEqualTo(expected);
    assertThat(render(range(EngineFixture.shuffled(SOURCE), query, start, end, step).value())).isEqualTo(expected);
  }

  @Test
  void onlyTheLinesOfTheWindowsAreRead() {
    QueryStats stats = instant(SOURCE, "count_over_time({env=\"prod\"}[30s])", 30).stats();
    assertThat(stats.totalLinesProcessed()).isEqualTo(4);
    assertThat(stats.totalBytesProcessed()).isEqualTo(4 + 2 + 1 + 3);
  }
}
