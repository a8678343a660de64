package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.SECOND;
import static dev.floe.logql.engine.EngineFixture.instant;
import static dev.floe.logql.engine.EngineFixture.range;
import static dev.floe.logql.engine.EngineFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sums of line counts, which the engine groups at the range aggregation, from a source delivering lines newest
 * first. Stream api has lines at 10 s (level info), 20 s (error), 30 s (info) and 60 s (info), stream web at 15 s
 * (info) and 60 s (error); every line has its own trace id in structured metadata.
 */
class LogqlEngineSumOfCountsTest {
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
  void sumOfCountsOrdersSamplesDeliveredNewestFirst() {
    String result =
        render(range(source, "sum by (app) (count_over_time({env=\"prod\"}[30s]))", 30, 60, 15).value());

    // api: (0,30] holds 10, 20, 30; (15,45] holds 20, 30; (30,60] holds 60. web: 15 only in (0,30], 60 in (30,60].
    assertThat(result).isEqualTo("{app=\"api\"} 30:3 45:2 60:1; {app=\"web\"} 30:1 60:1");
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

  /** Delivers entries newest first, as a source reading files sorted by stream may deliver them out of order. */
  private static final class ShufflingSource implements LogSource {
    private final LogSource delegate;

    ShufflingSource(LogSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public void scan(LogScan scan, EntrySink sink) {
      List<Runnable> deliveries = new ArrayList<>();
      delegate.scan(scan, (stream, metadata, time, line, bytes) -> deliveries.add(() -> sink.accept(stream, metadata, time, line, bytes)));
      Collections.reverse(deliveries);
      deliveries.forEach(Runnable::run);
    }
  }
}
