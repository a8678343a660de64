package dev.floe.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.lang.Labels;
import dev.floe.lang.QueryContext;
import dev.floe.lang.QueryStoppedException;
import dev.floe.promql.PromqlParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A PromQL query stops at the next series or step once it is stopped or past its deadline. */
class PromqlEngineStopsTest {

  @Test
  void aQueryStoppedWhileItsSeriesAreReadEvaluatesNoneOfThem() {
    QueryContext query = QueryContext.unbounded();
    List<Series> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(new Series(Labels.of("__name__", "up", "i", Integer.toString(i)), List.of(Sample.of(0, i))));
    }
    // The client leaves while the series are read: every check before the selection has passed.
    SeriesSource source = (matchers, minTimeMs, maxTimeMs) -> {
      query.cancel();
      return many;
    };
    PromqlEngine engine = new PromqlEngine(source, EngineOptions.defaults());

    assertThatThrownBy(() -> engine.instant(PromqlParser.parse("sum(up)"), 1000, query))
        .isInstanceOfSatisfying(QueryStoppedException.class, e -> assertThat(e.timedOut()).isFalse());
  }

  @Test
  void aQueryPastItsDeadlineStopsInTheMiddleOfItsSteps() {
    PromqlEngine engine = new PromqlEngine(new InMemorySeriesSource(), EngineOptions.defaults());
    // Two billion evaluations of vector(1): hours of work without the deadline.
    QueryContext query = QueryContext.withTimeout(Duration.ofMillis(200));

    assertThatThrownBy(() -> engine.instant(
            PromqlParser.parse("max_over_time(max_over_time(vector(1)[1h:1s])[7d:1s])"), 1000, query))
        .isInstanceOfSatisfying(QueryStoppedException.class, e -> assertThat(e.timedOut()).isTrue());
  }
}
