package dev.floe.logql.engine;

import static dev.floe.logql.engine.EngineFixture.SECOND;
import static dev.floe.logql.engine.EngineFixture.instant;
import static dev.floe.logql.engine.EngineFixture.range;
import static dev.floe.logql.engine.EngineFixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.lang.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The structured metadata names the engine tells a source it can observe: a source that builds only those must
 * answer exactly as one that builds all. Lines carry a level, a trace id and a status in structured metadata;
 * some are logfmt with a clashing {@code level}, and one stream has a {@code level} label of its own.
 */
class LogqlEngineObservedMetadataTest {
  private static final Labels API = Labels.of("app", "api");
  private static final Labels WEB = Labels.of("app", "web");
  private static final Labels DB = Labels.of("app", "db", "level", "warn");

  private final InMemoryLogSource all =
      new InMemoryLogSource()
          .add(API, Labels.of("level", "info", "trace_id", "a1", "status", "200"), 10 * SECOND, "level=debug took=5ms")
          .add(API, Labels.of("level", "error", "trace_id", "a2", "status", "500"), 20 * SECOND, "level=error took=1s")
          .add(API, Labels.of("level", "info", "trace_id", "a3"), 30 * SECOND, "plain line")
          .add(WEB, Labels.of("level", "info", "trace_id", "w1", "status", "404"), 15 * SECOND, "level=info took=20ms")
          .add(WEB, Labels.of("trace_id", "w2", "status", "200"), 40 * SECOND, "no level")
          .add(DB, Labels.of("level", "error", "trace_id", "d1"), 50 * SECOND, "metadata level clashes");

  private final List<Set<String>> asked = new ArrayList<>();

  /** Builds only the names the scan asks for, as the storage source does. */
  private final LogSource onlyObserved =
      (scan, sink) -> {
        asked.add(scan.metadataNames() == null ? null : new HashSet<>(scan.metadataNames()));
        all.scan(
            scan,
            (stream, metadata, timestamp, line, bytes) ->
                sink.accept(
                    stream,
                    scan.metadataNames() == null ? metadata : metadata.only(scan.metadataNames()),
                    timestamp,
                    line,
                    bytes));
      };

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sum by (level) (count_over_time({app=~\".+\"}[1m]))",
        "sum(count_over_time({app=~\".+\"}[1m]))",
        "sum by (app) (bytes_over_time({app=~\".+\"} |= \"level\" [1m]))",
        "sum by (level) (count_over_time({app=~\".+\"} | status >= 300 [1m]))",
        "sum by (app) (count_over_time({app=~\".+\"} | status=\"200\" or trace_id=\"w1\" [1m]))",
        "sum by (app) (count_over_time({app=~\".+\"} | drop trace_id | keep status, app [1m]))",
        "sum by (level) (count_over_time({app=~\".+\"} | logfmt [1m]))",
        "sum by (level_extracted) (count_over_time({app=~\".+\"} | logfmt [1m]))",
        "sum by (level_extracted) (count_over_time({app=~\".+\"}[1m]))",
        "sum by (level) (count_over_time({app=~\".+\"} | line_format \"{{.trace_id}}\" |= \"a\" [1m]))",
        "sum without (trace_id) (count_over_time({app=~\".+\"}[1m]))",
        "count_over_time({app=~\".+\"}[1m])",
        "sum by (status) (count_over_time({app=\"api\"} | status != \"\" [1m]))",
        "sum by (app) (sum_over_time({app=~\".+\"} | unwrap status [1m]))",
        "max by (app) (max_over_time({app=~\".+\"} | unwrap status [1m]) by (app))",
        "sum by (level) (count_over_time({app=~\".+\"} | distinct status [1m]))",
      })
  void aSourceBuildingOnlyTheObservedNamesAnswersTheSame(String query) {
    assertThat(render(instant(onlyObserved, query, 60).value())).isEqualTo(render(instant(all, query, 60).value()));
  }

  @Test
  void groupedCountsAskForTheGroupingAndTheNamesTheirFiltersRead() {
    instant(onlyObserved, "sum by (level) (count_over_time({app=~\".+\"} | status >= 300 [1m]))", 60);
    instant(onlyObserved, "sum(count_over_time({app=~\".+\"}[1m]))", 60);
    instant(onlyObserved, "sum by (app) (count_over_time({app=~\".+\"} | logfmt [1m]))", 60);
    range(onlyObserved, "{app=\"api\"} |= \"a\"", 0, 60, 1);

    Set<String> everything = null;
    assertThat(asked).containsExactly(Set.of("level", "status"), Set.of(), everything, everything);
  }
}
