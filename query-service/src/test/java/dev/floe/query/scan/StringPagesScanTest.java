package dev.floe.query.scan;

import static dev.floe.query.scan.ScanFixture.DAY_MICROS;
import static dev.floe.query.scan.ScanFixture.DAY_ONE_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * String columns read from their pages: unique bodies fill several plain pages, stream labels are
 * dictionary-encoded, some bodies are null, and the time range drops rows inside row groups. Values,
 * raw bytes and byte searches agree with what was written, from the WAL and from Iceberg.
 */
class StringPagesScanTest {
  private static final byte[] NEEDLE = "é-7".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void plainAndDictionaryPagesReadBackExactlyWithAndWithoutRowsDropped() {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    ScanFixture fixture = new ScanFixture(dir, store);
    Map<Long, String> bodies = new HashMap<>();
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) {
      // Unique bodies of ~300 bytes: 3.6 MB, several 1 MB pages, never dictionary-encoded.
      String body = i % 11 == 0 ? null : "line é-" + i + " " + "x".repeat(280 + i % 17);
      long micros = DAY_ONE_MICROS + (i % 3 == 0 ? DAY_MICROS : 0) + i;
      rows.add(ScanFixture.log("tenant-a", "{app=\"app-" + (i % 3) + "\"}", micros, body));
      bodies.put(micros * 1000 + 7, body);
    }
    fixture.append(Signal.LOGS, rows);

    ScanRequest all = ScanRequest.builder(Signal.LOGS).tenant("tenant-a").columns("body", "stream_labels").build();
    ScanRequest dayOne = ScanRequest.builder(Signal.LOGS).tenant("tenant-a").columns("body", "stream_labels")
        .timeRange(DAY_ONE_MICROS * 1000, (DAY_ONE_MICROS + DAY_MICROS) * 1000).build();
    assertReadBack(fixture.scanner(store), all, bodies, 12_000);
    assertReadBack(fixture.scanner(store), dayOne, bodies, 8_000);
    fixture.compact(Signal.LOGS);
    assertReadBack(fixture.scanner(store), all, bodies, 12_000);
    assertReadBack(fixture.scanner(store), dayOne, bodies, 8_000);
  }

  private static void assertReadBack(SignalScanner scanner, ScanRequest request, Map<Long, String> bodies, int expected) {
    int[] seen = {0, 0};
    scanner.scan(request, new BatchConsumer() {
      @Override
      public void accept(ColumnBatch batch) {
        StringColumn body = batch.strings("body");
        StringColumn labels = batch.strings("stream_labels");
        for (int row = 0; row < batch.size(); row++) {
          String written = bodies.get(batch.longs("timestamp").get(row));
          assertThat(body.get(row)).isEqualTo(written);
          assertThat(body.isNull(row)).isEqualTo(written == null);
          boolean hasNeedle = written != null && written.contains("é-7");
          assertThat(body.contains(row, NEEDLE)).as(written).isEqualTo(hasNeedle);
          assertThat(body.length(row)).isEqualTo(written == null ? 0 : written.getBytes(StandardCharsets.UTF_8).length);
          if (written != null) {
            assertThat(StandardCharsets.UTF_8.decode(body.bytes(row)).toString()).isEqualTo(written);
          }
          assertThat(labels.get(row)).matches("\\{app=\"app-[0-2]\"}");
          assertThat(labels.dictionaryId(row)).isNotNegative();
          assertThat(labels.contains(row, "app-".getBytes(StandardCharsets.UTF_8))).isTrue();
          seen[0]++;
          seen[1] += hasNeedle ? 1 : 0;
        }
      }

      @Override
      public void reset() {
        seen[0] = 0;
        seen[1] = 0;
      }
    });
    assertThat(seen[0]).isEqualTo(expected);
    assertThat(seen[1]).isPositive();
  }
}
