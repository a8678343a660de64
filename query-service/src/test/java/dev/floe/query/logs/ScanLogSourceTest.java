package dev.floe.query.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.lang.QueryContext;
import dev.floe.logql.LogqlParser;
import dev.floe.logql.engine.Direction;
import dev.floe.logql.engine.LogqlEngine;
import dev.floe.logql.engine.LogqlOptions;
import dev.floe.logql.engine.LogqlQuery;
import dev.floe.logql.engine.QueryValue;
import dev.floe.query.scan.ScanFixture;
import dev.floe.query.scan.SignalScanner;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LogQL over real WAL segments and Iceberg files: {@code detected_level} and structured metadata come out the
 * same whether a query observes every metadata name or only some, and line-filtered rows keep their own metadata.
 */
class ScanLogSourceTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long START_MICROS = ScanFixture.DAY_ONE_MICROS;
  private static final String STREAM = "{service_name=\"svc\"}";
  private static final String BY_LEVEL = "sum by (detected_level) (count_over_time({service_name=\"svc\"}%s [1h]))";

  @TempDir Path dir;

  @Test
  void detectedLevelComesFromSeverityThenLevelAttributeThenLineAndAnExplicitOneWins() throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    try (ScanFixture fixture = new ScanFixture(dir, store)) {
      // One segment whose attributes hold no level-like key, one whose attributes do.
      fixture.append(Signal.LOGS, List.of(
          row(0, "GET /a", 17, null, Map.of("k", "v")),
          row(1, "GET /b", 18, null, Map.of("k", "v")),
          row(2, "GET /c", 0, "ERROR", Map.of("k", "v")),
          row(3, "level=debug msg=x", 0, null, Map.of("k", "v")),
          row(4, "hello", 0, null, Map.of())));
      fixture.append(Signal.LOGS, List.of(
          row(5, "a", 0, null, Map.of("level", "warn")),
          row(6, "b", 0, null, Map.of("level", "WARNING", "k", "v")),
          row(7, "{\"level\":\"debug\"}", 0, null, Map.of("k", "v")),
          row(8, "c", 9, null, Map.of("detected_level", "custom"))));
      SignalScanner scanner = fixture.scanner(store);
      String expected =
          "{detected_level=\"custom\"} 1; {detected_level=\"debug\"} 2; {detected_level=\"error\"} 3;"
              + " {detected_level=\"unknown\"} 1; {detected_level=\"warn\"} 2";

      // Grouped counts build only detected_level; line_format makes the query observe every name.
      assertThat(instant(scanner, BY_LEVEL.formatted(""))).isEqualTo(expected);
      assertThat(instant(scanner, BY_LEVEL.formatted(" | line_format \"{{__line__}}\""))).isEqualTo(expected);

      fixture.compact(Signal.LOGS);
      assertThat(instant(scanner, BY_LEVEL.formatted(""))).isEqualTo(expected);
      assertThat(instant(scanner, BY_LEVEL.formatted(" | line_format \"{{__line__}}\""))).isEqualTo(expected);
    }
  }

  @Test
  void linesKeptByALineFilterCarryTheirOwnMetadataAcrossBatches() throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    try (ScanFixture fixture = new ScanFixture(dir, store)) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        String body = (i % 997 == 0 ? "needle " : "hay ") + i;
        rows.add(row(i, body, 9 + i % 8, null, Map.of("n", Integer.toString(i), "k", "v" + i % 5)));
      }
      fixture.append(Signal.LOGS, rows);
      SignalScanner scanner = fixture.scanner(store);

      QueryValue.Streams streams = (QueryValue.Streams) engine(scanner).execute(LogqlQuery.range(
              LogqlParser.parse("{service_name=\"svc\"} |= \"needle\""),
              START_MICROS * 1000,
              START_MICROS * 1000 + 3600 * SECOND,
              SECOND,
              0,
              100,
              Direction.FORWARD))
          .value();

      Map<String, String> numbers = new TreeMap<>();
      for (QueryValue.Stream stream : streams.streams()) {
        for (QueryValue.LogEntry entry : stream.entries()) {
          numbers.put(entry.line(), entry.structuredMetadata().get("n"));
          assertThat(entry.structuredMetadata().get("k"))
              .isEqualTo("v" + Integer.parseInt(entry.line().substring(7)) % 5);
          assertThat(entry.structuredMetadata().get("detected_level")).isNotEmpty();
        }
      }
      assertThat(numbers).hasSize(11);
      numbers.forEach((line, n) -> assertThat(line).isEqualTo("needle " + n));
    }
  }

  private static Record row(int index, String body, int severityNumber, String severityText, Map<String, String> attributes) {
    Record row = ScanFixture.log("tenant-a", STREAM, START_MICROS + index * 1000L, body);
    row.setField("severity_number", severityNumber == 0 ? null : severityNumber);
    row.setField("severity_text", severityText);
    row.setField("attributes", attributes);
    return row;
  }

  private static LogqlEngine engine(SignalScanner scanner) {
    return new LogqlEngine(new ScanLogSource(scanner, Set.of("tenant-a"), QueryContext.unbounded()), LogqlOptions.defaults());
  }

  private static String instant(SignalScanner scanner, String query) {
    QueryValue.Vector vector = (QueryValue.Vector) engine(scanner)
        .execute(LogqlQuery.instant(LogqlParser.parse(query), START_MICROS * 1000 + 1800 * SECOND, 100, Direction.BACKWARD))
        .value();
    return vector.samples().stream()
        .map(sample -> sample.labels() + " " + (long) sample.value())
        .collect(Collectors.joining("; "));
  }
}
