package dev.floe.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.lang.Labels;
import dev.floe.lang.QueryContext;
import dev.floe.lang.QueryStoppedException;
import dev.floe.logql.LogqlParser;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A LogQL query stops within a few lines of being stopped, however many lines its source holds. */
class LogqlEngineStopsTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aStoppedQueryReadsNoMoreThanAFewLines() {
    QueryContext query = QueryContext.unbounded();
    AtomicInteger delivered = new AtomicInteger();
    Labels stream = Labels.of("app", "api");
    // A million lines; the query is canceled at the tenth.
    LogSource endless = (scan, sink) -> {
      for (int i = 0; i < 1_000_000; i++) {
        if (delivered.incrementAndGet() == 10) {
          query.cancel();
        }
        if (!sink.accept(stream, Labels.EMPTY, i, "line " + i, 7)) {
          return;
        }
      }
    };
    LogqlEngine engine = new LogqlEngine(endless, LogqlOptions.defaults());
    LogqlQuery count = LogqlQuery.instant(
        LogqlParser.parse("sum(count_over_time({app=\"api\"} |~ \"line.*\" [1h]))"), 3600 * SECOND, 100,
        Direction.BACKWARD);

    assertThatThrownBy(() -> engine.execute(count, query))
        .isInstanceOfSatisfying(QueryStoppedException.class, e -> assertThat(e.timedOut()).isFalse());
    assertThat(delivered.get()).isLessThan(200);
  }
}
