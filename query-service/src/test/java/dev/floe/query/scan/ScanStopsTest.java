package dev.floe.query.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.lang.QueryContext;
import dev.floe.lang.QueryStoppedException;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan stops at the next batch once its query is stopped, in WAL segments and in data files alike. */
class ScanStopsTest {
  @TempDir Path dir;

  @Test
  void aCanceledQueryStopsItsScanAtTheNextBatch() throws Exception {
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    try (ScanFixture fixture = new ScanFixture(dir, store)) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        rows.add(ScanFixture.log("tenant-a", "{app=\"api\"}", ScanFixture.DAY_ONE_MICROS + i, "line " + i));
      }
      fixture.append(Signal.LOGS, rows);
      SignalScanner scanner = fixture.scanner(store);

      assertThat(batchesUntilCanceled(scanner)).isEqualTo(1);
      fixture.compact(Signal.LOGS);
      assertThat(batchesUntilCanceled(scanner)).isEqualTo(1);
    }
  }

  /** Scans 20,000 rows (five batches), canceling the query in the first batch; returns the batches seen. */
  private static int batchesUntilCanceled(SignalScanner scanner) {
    QueryContext query = QueryContext.unbounded();
    int[] batches = {0};
    BatchConsumer cancelling = new BatchConsumer() {
      @Override
      public void accept(ColumnBatch batch) {
        batches[0]++;
        query.cancel();
      }

      @Override
      public void reset() {}
    };
    ScanRequest request =
        ScanRequest.builder(Signal.LOGS).tenant("tenant-a").columns("body").context(query).build();
    assertThatThrownBy(() -> scanner.scan(request, cancelling))
        .isInstanceOfSatisfying(QueryStoppedException.class, e -> assertThat(e.timedOut()).isFalse());
    return batches[0];
  }
}
