package dev.floe.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.floe.lang.LabelMatcher;
import dev.floe.lang.Labels;
import dev.floe.promql.PromqlParseException;
import dev.floe.lang.QueryStoppedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's API and limits, beyond what Prometheus's test scripts exercise. */
class PromqlEngineTest {
  private static final Labels REQUESTS = Labels.of("__name__", "http_requests_total", "job", "api");
  private final InMemorySeriesSource source = new InMemorySeriesSource();

  /** A counter growing by 60 per minute from 0, sampled every minute for ten minutes. */
  private void loadCounter() {
    for (int minute = 0; minute <= 10; minute++) {
      source.add(REQUESTS, Sample.of(minute * 60_000L, minute * 60.0));
    }
  }

  private PromqlEngine engine() {
    return new PromqlEngine(source, EngineOptions.defaults());
  }

  /** Matchers are RE2 regexes anchored as {@code ^(?s:...)$}: POSIX classes and named groups work. */
  @Test
  void regexMatchersUseRe2Syntax() {
    source.add(Labels.of("__name__", "up", "job", "api"), Sample.of(0, 1));
    source.add(Labels.of("__name__", "up", "job", "api2"), Sample.of(0, 2));
    source.add(Labels.of("__name__", "up", "job", ":alph"), Sample.of(0, 3));
    source.add(Labels.of("__name__", "up", "job", "line\nbreak"), Sample.of(0, 4));
    assertThat(values("up{job=~\"[[:alpha:]]+\"}")).containsExactly(1.0);
    assertThat(values("up{job=~\"(?P<name>api)[[:digit:]]\"}")).containsExactly(2.0);
    assertThat(values("up{job=~\"line.break\"}")).containsExactly(4.0);
    assertThatThrownBy(() -> engine().instant("up{job=~\"(a)\\\\1\"}", 0))
        .isInstanceOf(PromqlParseException.class)
        .hasMessageContaining("error parsing regexp: invalid escape sequence: `\\1`");
  }

  private List<Double> values(String query) {
    return ((Vector) engine().instant(query, 0).value()).samples().stream().map(VectorSample::value).sorted().toList();
  }

  @Test
  void rangeQueryGivesOneSeriesWithAPointPerStep() {
    loadCounter();
    QueryResult result = engine().range("rate(http_requests_total[2m])", 300_000, 600_000, 60_000);
    Matrix matrix = (Matrix) result.value();
    assertThat(matrix.series()).hasSize(1);
    Series series = matrix.series().get(0);
    assertThat(series.labels()).isEqualTo(Labels.of("job", "api"));
    assertThat(series.samples()).extracting(Sample::timestampMs)
        .containsExactly(300_000L, 360_000L, 420_000L, 480_000L, 540_000L, 600_000L);
    assertThat(series.samples()).allSatisfy(s -> assertThat(s.value()).isCloseTo(1.0, offset(1e-9)));
    assertThat(result.annotations().infos()).isEmpty();
  }

  /** Prometheus 3's lookback window is left-open: a sample exactly five minutes old is out of it. */
  @Test
  void instantSelectorLooksBackFiveMinutesByDefault() {
    loadCounter();
    assertThat(((Vector) engine().instant("http_requests_total", 899_999).value()).samples())
        .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(600.0));
    assertThat(((Vector) engine().instant("http_requests_total", 900_000).value()).samples()).isEmpty();

    PromqlEngine longLookback = new PromqlEngine(source, EngineOptions.defaults().withLookbackDelta(Duration.ofMinutes(10)));
    assertThat(((Vector) longLookback.instant("http_requests_total", 900_000).value()).samples()).hasSize(1);
  }

  @Test
  void stalenessMarkerEndsTheSeriesBeforeTheLookbackDoes() {
    loadCounter();
    source.add(REQUESTS, Sample.of(630_000, Sample.STALE_NAN));
    assertThat(((Vector) engine().instant("http_requests_total", 620_000).value()).samples()).hasSize(1);
    assertThat(((Vector) engine().instant("http_requests_total", 640_000).value()).samples()).isEmpty();
  }

  @Test
  void rateOfAMetricNotNamedLikeACounterGivesAnInfoPointingAtTheSelector() {
    Labels gauge = Labels.of("__name__", "temperature");
    source.add(gauge, Sample.of(0, 1));
    source.add(gauge, Sample.of(60_000, 2));
    QueryResult result = engine().instant("sum(rate(temperature[5m]))", 60_000);
    assertThat(result.annotations().infos()).containsExactly("PromQL info: metric might not be a counter, name does "
        + "not end in _total/_sum/_count/_bucket: \"temperature\" (1:10)");
  }

  @Test
  void tooManySamplesFailsWithPrometheusMessage() {
    loadCounter();
    PromqlEngine limited = new PromqlEngine(source, EngineOptions.defaults().withMaxSamples(5));
    assertThat(((Vector) limited.instant("http_requests_total", 600_000).value()).samples()).hasSize(1);
    assertThatThrownBy(() -> limited.instant("http_requests_total[10m]", 600_000))
        .isInstanceOf(PromqlEvalException.class)
        .hasMessage("query processing would load too many samples into memory in query execution");
  }

  @Test
  void queryPastItsDeadlineTimesOut() {
    loadCounter();
    PromqlEngine impatient = new PromqlEngine(source, EngineOptions.defaults().withTimeout(Duration.ofNanos(-1)));
    assertThatThrownBy(() -> impatient.range("http_requests_total", 0, 600_000, 1000))
        .isInstanceOfSatisfying(QueryStoppedException.class, e -> assertThat(e.timedOut()).isTrue());
  }

  @Test
  void rangeQueryOfARangeVectorIsRejected() {
    assertThatThrownBy(() -> engine().range("http_requests_total[5m]", 0, 60_000, 15_000))
        .isInstanceOf(PromqlEvalException.class)
        .hasMessage("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector");
  }

  @Test
  void experimentalFunctionsNeedTheOption() {
    assertThatThrownBy(() -> engine().instant("sort_by_label(up, \"job\")", 0))
        .isInstanceOf(PromqlParseException.class);
    PromqlEngine experimental = new PromqlEngine(source, EngineOptions.defaults().withExperimentalFunctions(true));
    assertThat(experimental.instant("sort_by_label(up, \"job\")", 0).value()).isInstanceOf(Vector.class);
  }

  @Test
  void eachSelectorAsksTheSourceOnceForTheWholeIntervalTheQueryReads() {
    List<long[]> requests = new ArrayList<>();
    SeriesSource recording = new SeriesSource() {
      @Override
      public List<Series> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs) {
        requests.add(new long[] {minTimeMs, maxTimeMs});
        return source.select(matchers, minTimeMs, maxTimeMs);
      }
    };
    loadCounter();
    new PromqlEngine(recording, EngineOptions.defaults())
        .range("rate(http_requests_total[2m] offset 1m)", 300_000, 600_000, 60_000);
    assertThat(requests).hasSize(1);
    // From the first step's window start (5m - 1m - 2m) to the last step's end (10m - 1m).
    assertThat(requests.get(0)).containsExactly(120_000L, 540_000L);
  }
}
