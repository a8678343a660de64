package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.SECOND;
import static dev.floe.logql.engine.EngineFixture.instant;
import static dev.floe.logql.engine.EngineFixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.floe.lang.Labels;
import dev.floe.logql.LogqlParseException;
import dev.floe.logql.LogqlParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every regex of a LogQL query is RE2: its syntax, its errors and its linear time. */
class LogqlEngineRegexTest {
  private static final Labels API = Labels.of("service_name", "api");
  private static final LogSource SOURCE =
      new InMemoryLogSource()
          .add(API, 10 * SECOND, "user=alice status=200 path=/a")
          .add(API, 20 * SECOND, "user=Bob status=503 path=/b")
          .add(API, 30 * SECOND, "user=c4rl status=404 path=/c");

  @Test
  void nestedRepetitionDoesNotHoldTheCpu() {
    // With java.util.regex this query held a core for 85 s on one short line.
    LogSource line = new InMemoryLogSource().add(API, 10 * SECOND, "a".repeat(40) + "x");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        assertThat(render(instant(line, "count_over_time({service_name=~\".+\"} |~ \"(.*){20}c\" [1m])", 30).value())).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      textBlock =
          """
          count_over_time({service_name="api"} |~ "user=[[:alpha:]]+ " [1m])                      # {service_name="api"} 2
          count_over_time({service_name="api"} |~ "(?i)USER=BOB" [1m])                             # {service_name="api"} 1
          count_over_time({service_name="api"} !~ "status=(200|404)" [1m])                         # {service_name="api"} 1
          count_over_time({service_name=~"[[:alpha:]]+"} |= "user" [1m])                           # {service_name="api"} 3
          sum by (u) (count_over_time({service_name="api"} | regexp "user=(?P<u>[[:alpha:]]+) " [1m])) # {} 1; {u="Bob"} 1; {u="alice"} 1
          sum by (s) (count_over_time({service_name="api"} | regexp "status=(?<s>5\\\\d\\\\d)" [1m]))   # {} 2; {s="503"} 1
          count_over_time({service_name="api"} | logfmt | user=~"[[:lower:]]+" [1m])                # {path="/a", service_name="api", status="200", user="alice"} 1
          """)
  void regexesUseRe2Syntax(String query, String expected) {
    assertThat(render(instant(SOURCE, query, 30).value())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '#',
      textBlock =
          """
          {service_name="api"} |~ "(a)\\\\1"            # parse error at line 1, col 25: error parsing regexp: invalid escape sequence: `\\1`
          {service_name="api"} |~ "a(?=b)"            # parse error at line 1, col 25: error parsing regexp: invalid or unsupported Perl syntax: `(?=`
          {service_name=~"(?<!a)b"}                   # parse error at line 1, col 16: error parsing regexp: invalid named capture: `(?<!a)b`
          {service_name="api"} | user=~"[[:word:]"    # parse error at line 1, col 30: error parsing regexp: missing closing ]: `[[:word:]`
          """)
  void backreferencesAndLookaroundAreRejectedAsRe2RejectsThem(String query, String message) {
    assertThatThrownBy(() -> LogqlParser.parse(query))
        .isInstanceOf(LogqlParseException.class)
        .hasMessage(message);
  }
}
