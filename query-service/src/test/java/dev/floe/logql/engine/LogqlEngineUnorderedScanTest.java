package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.SECOND;
import static dev.floe.logql.engine.EngineFixture.instant;
import static dev.floe.logql.engine.EngineFixture.range;
import static dev.floe.logql.engine.EngineFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.query.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metric queries read their lines in any order, as a source reading files sorted by stream delivers them, and
 * survive a source starting over; log queries still ask for time order. Stream api has lines at 10 s (level info),
 * 20 s (error), 30 s (info) and 60 s (info), stream web at 15 s (info) and 60 s (error); every line has its own
 * trace id in structured metadata.
 */
class LogqlEngineUnorderedScanTest {
  private static final Labels API = Labels.of("app", "api", "env", "prod");
  private static final Labels WEB = Labels.of("app", "web", "env", "prod");

  private final ShufflingSource source =
      new ShufflingSource(
          new InMemoryLogSource()
              .add(API, Labels.of("level", "info", "trace_id", "a1"), 10 * SECOND, "aaaa")
              .add(API, Labels.of("level", "error", "trace_id", "a2"), 20 * SECOND, "bb")
              .add(API, Labels.of("level", "info", "trace_id", "a3"), 30 * SECOND, "c")
              .add(API, Labels.of("level", "info", "trace_id", "a4"), 60 * SECOND, "dddddd")
              .add(WEB, Labels.of("level", "info", "trace_id", "w1"), 15 * SECOND, "xyz")
              .add(WEB, Labels.of("level", "error", "trace_id", "w2"), 60 * SECOND, "é"));

  @Test
  void rangeAggregationOrdersSamplesDeliveredNewestFirstAndAfterARestart() {
    String result =
        render(range(source, "sum by (app) (count_over_time({env=\"prod\"}[30s]))", 30, 60, 15).value());

    // api: (0,30] holds 10, 20, 30; (15,45] holds 20, 30; (30,60] holds 60. web: 15 only in (0,30], 60 in (30,60].
    assertThat(result).isEqualTo("{app=\"api\"} 30:3 45:2 60:1; {app=\"web\"} 30:1 60:1");
    assertThat(source.orders).containsExactly(false);
    assertThat(source.restarts).isEqualTo(1);
  }

  @Test
  void sumByStructuredMetadataCountsEveryLineOnceThoughEachLineIsItsOwnSeries() {
    assertThat(render(instant(source, "sum by (level) (count_over_time({env=\"prod\"}[1m]))", 60).value()))
        .isEqualTo("{level=\"error\"} 2; {level=\"info\"} 4");
    assertThat(render(instant(source, "sum(bytes_over_time({app=\"api\"}[30s]))", 30).value())).isEqualTo("{} 7");
  }

  @Test
  void unsummedSeriesKeepStructuredMetadataLabels() {
    assertThat(render(instant(source, "count_over_time({app=\"web\"}[1m])", 60).value()))
        .isEqualTo(
            "{app=\"web\", env=\"prod\", level=\"error\", trace_id=\"w2\"} 1;"
                + " {app=\"web\", env=\"prod\", level=\"info\", trace_id=\"w1\"} 1");
  }

  @Test
  void logQueriesAskForTimeOrder() {
    // Without categorized labels, Loki shows structured metadata as labels of the entry's stream.
    assertThat(render(range(source, "{app=\"web\"}", 0, 61, 1).value()))
        .isEqualTo(
            "{app=\"web\", env=\"prod\", level=\"error\", trace_id=\"w2\"} 60:é;"
                + " {app=\"web\", env=\"prod\", level=\"info\", trace_id=\"w1\"} 15:xyz");
    assertThat(source.orders).containsExactly(true);
  }

  /**
   * Delivers an unordered scan's entries newest first, after delivering half of them and starting over, as a scan
   * that re-plans does; ordered scans pass through.
   */
  private static final class ShufflingSource implements LogSource {
    private final LogSource delegate;
    final List<Boolean> orders = new ArrayList<>();
    int restarts;

    ShufflingSource(LogSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public void scan(LogScan scan, EntrySink sink) {
      orders.add(scan.ordered());
      if (scan.ordered()) {
        delegate.scan(scan, sink);
        return;
      }
      List<Runnable> deliveries = new ArrayList<>();
      delegate.scan(scan, (stream, metadata, time, line) -> deliveries.add(() -> sink.accept(stream, metadata, time, line)));
      Collections.reverse(deliveries);
      deliveries.subList(0, deliveries.size() / 2).forEach(Runnable::run);
      sink.restart();
      restarts++;
      deliveries.forEach(Runnable::run);
    }
  }
}
