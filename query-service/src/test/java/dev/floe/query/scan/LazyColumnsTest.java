package dev.floe.query.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns other than the timestamp and labels are decoded when a consumer first reads them in a batch: one left
 * unread is skipped without shifting later batches, and after {@code select} only the selected rows get values.
 */
class LazyColumnsTest {
  /** Five batches of the scan's 4096 rows. */
  private static final int ROWS = 5 * 4096;

  @TempDir Path dir;

  @Test
  void unreadColumnsAreSkippedAndSelectedRowsAloneGetValues() throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    try (ScanFixture fixture = new ScanFixture(dir, store)) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < ROWS; i++) {
        Record row = ScanFixture.log("tenant-a", "{app=\"a\"}", ScanFixture.DAY_ONE_MICROS + i, "line-" + i);
        row.setField("attributes", Map.of("n", Integer.toString(i)));
        rows.add(row);
      }
      fixture.append(Signal.LOGS, rows);
      List<String> seen = new ArrayList<>();
      List<Set<String>> keys = new ArrayList<>();
      int[] batches = {0};
      BatchConsumer consumer = new BatchConsumer() {
        @Override
        public void accept(ColumnBatch batch) {
          int number = batches[0]++;
          keys.add(batch.mapKeys(Columns.ATTRIBUTES));
          if (number % 2 == 0) {
            return;
          }
          LongColumn time = batch.longs(Columns.TIMESTAMP);
          boolean[] even = new boolean[batch.size()];
          for (int row = 0; row < batch.size(); row++) {
            even[row] = index(time, row) % 2 == 0;
          }
          if (number == 3) {
            batch.select(even);
          }
          StringColumn body = batch.strings(Columns.BODY);
          MapColumn attributes = batch.maps(Columns.ATTRIBUTES);
          for (int row = 0; row < batch.size(); row++) {
            long index = index(time, row);
            if (number == 3 && !even[row]) {
              assertThat(body.isNull(row)).isTrue();
              assertThat(attributes.isNull(row)).isTrue();
            } else {
              seen.add(index + " " + body.get(row) + " " + attributes.get(row, "n"));
            }
          }
        }

        @Override
        public void reset() {}
      };
      ScanRequest request = ScanRequest.builder(Signal.LOGS)
          .tenants(Set.of("tenant-a"))
          .timeRange(0, Long.MAX_VALUE)
          .columns(Columns.TIMESTAMP, Columns.BODY, Columns.ATTRIBUTES)
          .build();
      fixture.scanner(store).scan(request, consumer);

      assertThat(batches[0]).isEqualTo(5);
      assertThat(keys).allMatch(Set.of("n")::equals);
      // Batch 1 in full, batch 3 only its even rows: each row with its own values.
      assertThat(seen).hasSize(4096 + 2048);
      assertThat(seen).allMatch(line -> {
        String[] parts = line.split(" ");
        return parts[1].equals("line-" + parts[0]) && parts[2].equals(parts[0]);
      });
    }
  }

  @Test
  void aColumnLeftBehindJumpsOverWholePagesToTheRowsItReads() throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    String pad = "x".repeat(500);
    try (ScanFixture fixture = new ScanFixture(dir, store)) {
      // Values of 500 bytes make pages of about 2,000 rows: a batch's 4,096 rows span several.
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < ROWS; i++) {
        Record row = ScanFixture.log("tenant-a", "{app=\"a\"}", ScanFixture.DAY_ONE_MICROS + i, i + pad);
        row.setField("attributes", switch (i % 3) {
          case 0 -> Map.of();
          case 1 -> Map.of("n", i + pad);
          default -> Map.of("n", i + pad, "m", "y");
        });
        row.setField("severity_number", i % 5 == 0 ? null : i % 24 + 1);
        rows.add(row);
      }
      fixture.append(Signal.LOGS, rows);
      List<String> seen = new ArrayList<>();
      BatchConsumer consumer = new BatchConsumer() {
        private int batch;

        @Override
        public void accept(ColumnBatch columns) {
          // Only the fourth batch, and of the fifth only every seventh row.
          int number = batch++;
          if (number < 3) {
            return;
          }
          LongColumn time = columns.longs(Columns.TIMESTAMP);
          boolean[] some = new boolean[columns.size()];
          for (int row = 0; row < columns.size(); row++) {
            some[row] = number == 3 || index(time, row) % 7 == 0;
          }
          columns.select(some);
          StringColumn body = columns.strings(Columns.BODY);
          MapColumn attributes = columns.maps(Columns.ATTRIBUTES);
          IntColumn severity = columns.ints(Columns.SEVERITY_NUMBER);
          for (int row = 0; row < columns.size(); row++) {
            if (some[row]) {
              seen.add(index(time, row) + " " + body.get(row) + " " + attributes.toMap(row)
                  + " " + (severity.isNull(row) ? null : severity.get(row)));
            }
          }
        }

        @Override
        public void reset() {}
      };
      ScanRequest request = ScanRequest.builder(Signal.LOGS)
          .tenants(Set.of("tenant-a"))
          .timeRange(0, Long.MAX_VALUE)
          .columns(Columns.TIMESTAMP, Columns.BODY, Columns.ATTRIBUTES, Columns.SEVERITY_NUMBER)
          .build();
      fixture.scanner(store).scan(request, consumer);

      List<String> expected = new ArrayList<>();
      for (int i = 3 * 4096; i < ROWS; i++) {
        if (i < 4 * 4096 || i % 7 == 0) {
          String attributes = switch (i % 3) {
            case 0 -> "{}";
            case 1 -> "{n=" + i + pad + "}";
            default -> Map.of("n", i + pad, "m", "y").toString();
          };
          expected.add(i + " " + i + pad + " " + attributes + " " + (i % 5 == 0 ? null : i % 24 + 1));
        }
      }
      assertThat(seen).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        String[] want = expected.get(i).split(" ", 3);
        String[] got = seen.get(i).split(" ", 3);
        assertThat(got[0] + " " + got[1]).isEqualTo(want[0] + " " + want[1]);
        assertThat(sortedMap(got[2])).isEqualTo(sortedMap(want[2]));
      }
    }
  }

  /** A printed map and severity with the map's entries in a fixed order. */
  private static String sortedMap(String text) {
    int end = text.lastIndexOf(' ');
    String map = text.substring(1, end - 1);
    return java.util.Arrays.stream(map.split(", ")).sorted().toList() + text.substring(end);
  }

  private static long index(LongColumn time, int row) {
    return time.get(row) / 1000 - ScanFixture.DAY_ONE_MICROS;
  }
}
