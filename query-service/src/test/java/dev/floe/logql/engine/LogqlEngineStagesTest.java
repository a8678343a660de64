package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.SECOND;
import static dev.floe.logql.engine.EngineFixture.instant;
import static dev.floe.logql.engine.EngineFixture.range;
import static dev.floe.logql.engine.EngineFixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.lang.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Queries whose pipelines parse lines: unwrapped samples, label filters, and the errors Loki reports. The
 * stream has logfmt lines at 10 s (info, 100ms, 10 bytes), 20 s (error, 300ms, 30), 30 s (info, 200ms, 20)
 * and 40 s (info, latency "oops", 5); a line without latency at 35 s.
 */
class LogqlEngineStagesTest {
  private static final Labels API = Labels.of("app", "api");
  private static final LogSource SOURCE =
      new InMemoryLogSource()
          .add(API, 10 * SECOND, "level=info latency=100ms bytes=10")
          .add(API, 20 * SECOND, "level=error latency=300ms bytes=30")
          .add(API, 30 * SECOND, "level=info latency=200ms bytes=20")
          .add(API, 35 * SECOND, "level=debug bytes=7")
          .add(API, 40 * SECOND, "level=info latency=oops bytes=5");

  @ParameterizedTest(name = "{0} at {1}s")
  @CsvSource(
      delimiter = '#',
      textBlock =
          """
          sum_over_time({app="api"} | logfmt bytes, level | unwrap bytes [30s])                 # 30 # {app="api", level="error"} 30; {app="api", level="info"} 30
          sum by (app) (sum_over_time({app="api"} | logfmt bytes, level | unwrap bytes [30s]))  # 30 # {app="api"} 60
          max_over_time({app="api"} | logfmt bytes, level | unwrap bytes [30s]) by (level)      # 30 # {level="error"} 30; {level="info"} 20
          max_over_time({app="api"} | logfmt bytes, level | unwrap bytes [30s]) by (bytes)      # 30 # {bytes="10"} 10; {bytes="20"} 20; {bytes="30"} 30
          max_over_time({app="api"} | logfmt bytes, level | unwrap bytes [30s]) without (level) # 30 # {app="api"} 30
          max_over_time({app="api"} | logfmt bytes, level | unwrap bytes [30s]) by ()           # 30 # {app="api", level="error"} 30; {app="api", level="info"} 20
          avg_over_time({app="api"} | logfmt | unwrap bytes [30s]) by (app)                     # 30 # {app="api"} 20
          rate({app="api"} | logfmt | unwrap bytes [30s]) by (app)                              # 30 # {app="api"} 2
          max_over_time({app="api"} | logfmt | unwrap duration(latency) [30s]) by (app)         # 30 # {app="api"} 0.3
          min_over_time({app="api"} | logfmt | unwrap duration(latency) [30s]) by (app)         # 30 # {app="api"} 0.1
          first_over_time({app="api"} | logfmt | unwrap bytes [30s]) by (app)                   # 30 # {app="api"} 10
          last_over_time({app="api"} | logfmt | unwrap bytes [30s]) by (app)                    # 30 # {app="api"} 20
          quantile_over_time(0.5, {app="api"} | logfmt | unwrap bytes [30s]) by (app)           # 30 # {app="api"} 20
          stdvar_over_time({app="api"} | logfmt | unwrap bytes [30s]) by (app)                  # 30 # {app="api"} 66.666667
          rate_counter({app="api"} | logfmt | unwrap bytes [30s]) by (app)                      # 30 # {app="api"} 1.666667
          count_over_time({app="api"} | logfmt | level="error" [30s])                           # 30 # {app="api", bytes="30", latency="300ms", level="error"} 1
          sum(count_over_time({app="api"} |= "level=info" [30s]))                               # 30 # {} 2
          sum(bytes_over_time({app="api"} |= "error" [30s]))                                    # 30 # {} 34
          max_over_time({app="api"} | logfmt | unwrap duration(latency) | __error__="" [30s]) by (app) # 40 # {app="api"} 0.3
          sum_over_time({app="api"} | logfmt | unwrap latency [1s])                             # 35 # ''
          """)
  void metricQueries(String query, long time, String expected) {
    assertThat(render(instant(SOURCE, query, time).value())).isEqualTo(expected);
  }

  @Test
  void logQueriesGroupEntriesByTheirParsedLabels() {
    String query = "{app=\"api\"} | logfmt | level=~\"error|debug\"";
    assertThat(render(range(SOURCE, query, 0, 60, 1).value()))
        .isEqualTo(
            "{app=\"api\", bytes=\"30\", latency=\"300ms\", level=\"error\"} 20:level=error latency=300ms bytes=30; "
                + "{app=\"api\", bytes=\"7\", level=\"debug\"} 35:level=debug bytes=7");
  }

  @Test
  void aFailedConversionFailsTheMetricQuery() {
    String query = "sum(max_over_time({app=\"api\"} | logfmt | unwrap duration(latency) [30s]))";
    assertThatThrownBy(() -> instant(SOURCE, query, 40))
        .isInstanceOf(LogqlQueryException.class)
        .hasMessageStartingWith("pipeline error: 'SampleExtractionErr' for series: '{__error__=\"SampleExtractionErr\"")
        .extracting(e -> ((LogqlQueryException) e).status())
        .isEqualTo(400);
  }

  @Test
  void aParserErrorFailsTheMetricQueryButNotTheLogQuery() {
    assertThatThrownBy(() -> instant(SOURCE, "count_over_time({app=\"api\"} | json [30s])", 30))
        .hasMessageStartingWith("pipeline error: 'JSONParserErr'");
    assertThat(render(instant(SOURCE, "count_over_time({app=\"api\"} | json | __error__=\"\" [30s])", 30).value()))
        .isEmpty();
    assertThat(render(range(SOURCE, "{app=\"api\"} | json", 0, 15, 1).value())).contains("__error__=\"JSONParserErr\"");
  }
}
