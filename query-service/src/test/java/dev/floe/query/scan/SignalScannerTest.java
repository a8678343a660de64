package dev.floe.query.scan;

import static dev.floe.query.scan.ScanFixture.DAY_MICROS;
import static dev.floe.query.scan.ScanFixture.DAY_ONE_MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.schema.Signal;
import dev.floe.store.ForwardingStore;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectListing;
import dev.floe.store.StoredObject;
import dev.floe.wal.SegmentKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalScannerTest {
  @TempDir Path dir;

  private LocalObjectStore store() {
    return new LocalObjectStore(dir.resolve("store"));
  }

  /** Appends three segments of ten rows each; returns their rows. */
  private static List<Record> threeSegments(ScanFixture fixture) {
    List<Record> all = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      List<Record> rows = ScanFixture.logs("seg" + s, 10);
      fixture.append(Signal.LOGS, rows);
      all.addAll(rows);
    }
    return all;
  }

  private static ScanRequest.Builder logs(String... tenants) {
    return ScanRequest.builder(Signal.LOGS).tenants(Set.of(tenants)).columns("body");
  }

  private static List<String> bodies(List<Record> rows, String tenant) {
    return rows.stream().filter(row -> row.getField("tenant_id").equals(tenant)).map(row -> (String) row.getField("body")).toList();
  }

  @Test
  void walRowsAreReadableWithoutCompaction() {
    LocalObjectStore store = store();
    ScanFixture fixture = new ScanFixture(dir, store);
    List<Record> first = ScanFixture.logs("w1", 40);
    List<Record> second = ScanFixture.logs("w2", 40);
    fixture.append(Signal.LOGS, first);
    fixture.append(Signal.LOGS, second);

    CollectingConsumer consumer = new CollectingConsumer("body", "timestamp", "attributes", "stream_labels");
    ScanStats stats =
        fixture.scanner(store).scan(logs("tenant-a").columns("timestamp", "attributes", "stream_labels").build(), consumer);

    List<String> expected = new ArrayList<>(bodies(first, "tenant-a"));
    expected.addAll(bodies(second, "tenant-a"));
    assertThat(consumer.values("body")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(consumer.rows).allSatisfy(row -> assertThat(row.tenant()).isEqualTo("tenant-a"));
    assertThat(consumer.values("attributes")).containsOnly(Map.of("k", "v"));
    // the row of body w1-0 was written at DAY_ONE_MICROS + 0 µs with a 7 ns remainder
    CollectingConsumer.Row w10 = consumer.rows.stream().filter(row -> row.get("body").equals("w1-0")).findFirst().orElseThrow();
    assertThat(w10.get("timestamp")).isEqualTo(DAY_ONE_MICROS * 1000 + 7);
    assertThat(w10.get("stream_labels")).isEqualTo("{app=\"app-0\"}");
    assertThat(stats.segments()).isEqualTo(2);
    assertThat(stats.dataFiles()).isZero();
    // one row group per tenant per segment: tenant-b's are pruned by their statistics
    assertThat(stats.rowGroupsRead()).isEqualTo(2);
    assertThat(stats.rowGroupsSkipped()).isEqualTo(2);
  }

  @Test
  void compactedRowsComeFromIcebergAndNotAgainFromTheWal() {
    LocalObjectStore store = store();
    ScanFixture fixture = new ScanFixture(dir, store);
    List<Record> rows = ScanFixture.logs("c", 60);
    fixture.append(Signal.LOGS, rows);
    fixture.compact(Signal.LOGS);

    CollectingConsumer consumer = new CollectingConsumer("body", "timestamp", "attributes");
    ScanStats stats = fixture.scanner(store).scan(logs("tenant-b").columns("timestamp", "attributes").build(), consumer);

    assertThat(consumer.values("body")).containsExactlyInAnyOrderElementsOf(bodies(rows, "tenant-b"));
    assertThat(consumer.values("attributes")).containsOnly(Map.of("k", "v"));
    assertThat(stats.segments()).isZero();
    // tenant-b's rows lie on two days: two partitions, one file each
    assertThat(stats.dataFiles()).isEqualTo(2);
  }

  @Test
  void mixedStatesDeliverEveryRowExactlyOnce() {
    LocalObjectStore store = store();
    ScanFixture fixture = new ScanFixture(dir, store);
    List<Record> compacted = ScanFixture.logs("old", 30);
    fixture.append(Signal.LOGS, compacted);
    fixture.compact(Signal.LOGS);
    List<Record> fresh = ScanFixture.logs("new", 30);
    fixture.append(Signal.LOGS, fresh);

    CollectingConsumer consumer = new CollectingConsumer("body");
    ScanStats stats = fixture.scanner(store).scan(logs("tenant-a", "tenant-b").build(), consumer);

    List<Record> all = new ArrayList<>(compacted);
    all.addAll(fresh);
    assertThat(consumer.values("body")).containsExactlyInAnyOrderElementsOf(all.stream().map(r -> (String) r.getField("body")).toList());
    assertThat(consumer.rows)
        .allSatisfy(row -> assertThat(((String) row.get("body")).split("-")[1]).matches(n -> Integer.parseInt(n) % 2 == (row.tenant().equals("tenant-a") ? 0 : 1), "tenant of the row"));
    assertThat(stats.segments()).isEqualTo(1);
    assertThat(stats.dataFiles()).isEqualTo(4);
  }

  @Test
  void theTimeRangePrunesFilesAndRowGroupsAndIsExactPerRow() {
    LocalObjectStore store = store();
    ScanFixture fixture = new ScanFixture(dir, store);
    List<Record> rows = ScanFixture.logs("t", 40);
    fixture.append(Signal.LOGS, rows);
    fixture.compact(Signal.LOGS);
    fixture.append(Signal.LOGS, List.of(ScanFixture.log("tenant-a", "{app=\"x\"}", DAY_ONE_MICROS + 2 * DAY_MICROS, "day-three")));

    // day two only, from the first row of day two (i=2: DAY_ONE + DAY + 2 µs, + 7 ns) to the end of day two
    long start = (DAY_ONE_MICROS + DAY_MICROS + 2) * 1000 + 7;
    CollectingConsumer consumer = new CollectingConsumer("body", "timestamp");
    ScanStats stats =
        fixture.scanner(store).scan(logs("tenant-a").timeRange(start, start + DAY_MICROS * 1000 / 2).build(), consumer);

    List<String> expected =
        rows.stream()
            .filter(row -> row.getField("tenant_id").equals("tenant-a"))
            .filter(row -> (Long) row.getField("timestamp") >= DAY_ONE_MICROS + DAY_MICROS)
            .map(row -> (String) row.getField("body"))
            .toList();
    assertThat(consumer.values("body")).containsExactlyInAnyOrderElementsOf(expected).doesNotContain("day-three");
    assertThat(consumer.values("timestamp")).allSatisfy(time -> assertThat((Long) time).isGreaterThanOrEqualTo(start));
    assertThat(stats.dataFiles()).isEqualTo(1);
    // the day-three segment is listed, opened, and its only row group pruned by its time statistics
    assertThat(stats.segments()).isEqualTo(1);
    assertThat(stats.rowGroupsSkipped()).isEqualTo(1);

    // a range starting one nanosecond later excludes exactly that first row
    CollectingConsumer later = new CollectingConsumer("body");
    fixture.scanner(store).scan(logs("tenant-a").timeRange(start + 1, start + DAY_MICROS * 1000 / 2).build(), later);
    assertThat(later.values("body")).containsExactlyInAnyOrderElementsOf(expected.subList(1, expected.size()));
  }

  @Test
  void onlyTheRequestedColumnsAreDecoded() {
    LocalObjectStore store = store();
    ScanFixture fixture = new ScanFixture(dir, store);
    fixture.append(Signal.LOGS, ScanFixture.logs("p", 4));
    AtomicBoolean sawAttributes = new AtomicBoolean();
    BatchConsumer consumer =
        new BatchConsumer() {
          @Override
          public void accept(ColumnBatch batch) {
            sawAttributes.set(batch.has("attributes"));
            assertThatThrownBy(() -> batch.maps("attributes")).isInstanceOf(IllegalArgumentException.class);
            assertThat(batch.strings("body").get(0)).startsWith("p-");
          }

          @Override
          public void reset() {}
        };

    fixture.scanner(store).scan(logs("tenant-a").build(), consumer);

    assertThat(sawAttributes).isFalse();
    SignalScanner scanner = fixture.scanner(store);
    assertThatThrownBy(() -> scanner.scan(logs("tenant-a").columns("no_such_column").build(), consumer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no_such_column");
    assertThatThrownBy(() -> scanner.scan(logs("tenant-a").columns("timestamp_nanos").build(), consumer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nanoseconds");
  }

  @Test
  void theLabelFilterRunsOncePerDistinctLabelSetAndDropsRows() {
    LocalObjectStore store = store();
    ScanFixture fixture = new ScanFixture(dir, store);
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(ScanFixture.log("tenant-a", "{app=\"app-" + (i % 3) + "\"}", DAY_ONE_MICROS + i, "l-" + i));
    }
    fixture.append(Signal.LOGS, rows);
    AtomicInteger calls = new AtomicInteger();

    CollectingConsumer consumer = new CollectingConsumer("body", "stream_labels");
    fixture
        .scanner(store)
        .scan(
            logs("tenant-a")
                .labelFilter(labels -> {
                  calls.incrementAndGet();
                  return labels.equals("{app=\"app-1\"}");
                })
                .build(),
            consumer);

    assertThat(consumer.values("stream_labels")).hasSize(100).containsOnly("{app=\"app-1\"}");
    assertThat(consumer.values("body")).allSatisfy(body -> assertThat(Integer.parseInt(((String) body).substring(2)) % 3).isEqualTo(1));
    assertThat(calls).hasValue(3);
  }

  @Test
  void theLabelFilterWorksOnPlainPagesOncePerRunOfEqualValues() {
    LocalObjectStore store = store();
    ScanFixture fixture = new ScanFixture(dir, store);
    // So few rows that the writer stores the labels plain instead of dictionary-encoded.
    fixture.append(
        Signal.LOGS,
        List.of(
            ScanFixture.log("tenant-a", "{app=\"a\"}", DAY_ONE_MICROS, "a-1"),
            ScanFixture.log("tenant-a", "{app=\"a\"}", DAY_ONE_MICROS + 1, "a-2"),
            ScanFixture.log("tenant-a", "{app=\"b\"}", DAY_ONE_MICROS + 2, "b-1")));
    List<String> seen = new ArrayList<>();

    CollectingConsumer consumer = new CollectingConsumer("body");
    fixture
        .scanner(store)
        .scan(
            logs("tenant-a")
                .labelFilter(labels -> {
                  seen.add(labels);
                  return labels.contains("\"b\"");
                })
                .build(),
            consumer);

    assertThat(consumer.values("body")).containsExactly("b-1");
    assertThat(seen).containsExactlyInAnyOrder("{app=\"a\"}", "{app=\"b\"}");
  }

  @Test
  void serviceNamesPruneRowGroupsAndFiles() {
    LocalObjectStore store = store();
    ScanFixture fixture = new ScanFixture(dir, store);
    fixture.append(Signal.LOGS, ScanFixture.logs("s", 20));
    fixture.compact(Signal.LOGS);
    fixture.append(Signal.LOGS, ScanFixture.logs("s2", 20));

    CollectingConsumer none = new CollectingConsumer("body");
    ScanStats pruned = fixture.scanner(store).scan(logs("tenant-a").serviceNames(Set.of("other")).build(), none);
    CollectingConsumer all = new CollectingConsumer("body");
    ScanStats kept = fixture.scanner(store).scan(logs("tenant-a").serviceNames(Set.of("svc", "other")).build(), all);

    assertThat(none.rows).isEmpty();
    assertThat(pruned.dataFiles()).isZero();
    assertThat(pruned.rowGroupsRead()).isZero();
    assertThat(all.rows).hasSize(20);
    assertThat(kept.rowGroupsRead()).isEqualTo(3);
  }

  @Test
  void aSegmentDeletedUnderTheScanMakesItStartOverFromTheNewSnapshot() {
    LocalObjectStore real = store();
    ScanFixture fixture = new ScanFixture(dir, real);
    List<Record> all = threeSegments(fixture);
    AtomicInteger walReads = new AtomicInteger();
    // Compaction and cleanup run while the scan is between its first and second segment.
    ForwardingStore racing =
        new ForwardingStore(real) {
          @Override
          public Optional<StoredObject> get(String key) {
            if (key.startsWith("wal/") && walReads.incrementAndGet() == 2) {
              fixture.compact(Signal.LOGS);
              real.deleteAll(List.of(key));
            }
            return super.get(key);
          }
        };

    CollectingConsumer consumer = new CollectingConsumer("body");
    ScanStats stats = fixture.scanner(racing).scan(logs("tenant-a").build(), consumer);

    assertThat(consumer.resets).isEqualTo(1);
    assertThat(consumer.values("body")).containsExactlyInAnyOrderElementsOf(bodies(all, "tenant-a"));
    assertThat(stats.replans()).isEqualTo(1);
    assertThat(stats.segments()).isZero();
    assertThat(stats.dataFiles()).isEqualTo(2);
  }

  @Test
  void segmentsCleanedUpBetweenReadingTheMetadataAndListingArePlannedAgain() {
    LocalObjectStore real = store();
    ScanFixture fixture = new ScanFixture(dir, real);
    List<Record> all = threeSegments(fixture);
    AtomicBoolean raced = new AtomicBoolean();
    // Compaction and cleanup (which keeps each shard's newest segment) run right before the listing.
    ForwardingStore racing =
        new ForwardingStore(real) {
          @Override
          public ObjectListing list(String prefix, String startAfter, int maxKeys) {
            if (prefix.equals("wal/logs/0/") && raced.compareAndSet(false, true)) {
              fixture.compact(Signal.LOGS);
              real.deleteAll(List.of(new SegmentKey(Signal.LOGS, 0, 1).path(), new SegmentKey(Signal.LOGS, 0, 2).path()));
            }
            return super.list(prefix, startAfter, maxKeys);
          }
        };

    CollectingConsumer consumer = new CollectingConsumer("body");
    ScanStats stats = fixture.scanner(racing).scan(logs("tenant-a").build(), consumer);

    assertThat(raced).isTrue();
    assertThat(consumer.resets).isZero();
    assertThat(consumer.values("body")).containsExactlyInAnyOrderElementsOf(bodies(all, "tenant-a"));
    assertThat(stats.replans()).isEqualTo(1);
    assertThat(stats.segments()).isZero();
  }
}
