package dev.floe.query.scan;

import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.schema.Signal;
import dev.floe.store.ObjectStore;
import dev.floe.wal.SegmentEncoder;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.WalRows;
import dev.floe.wal.WalWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;

/**
 * A deployment in a test folder: the embedded SQLite catalog, a WAL written with the real writer and
 * encoder, and the real compactor moving it into Iceberg.
 */
public final class ScanFixture implements AutoCloseable {
  /** 2023-11-14T22:13:20Z in microseconds. */
  public static final long DAY_ONE_MICROS = 1_700_000_000_000_000L;
  static final long DAY_MICROS = 86_400_000_000L;
  private static final AtomicLong WRITERS = new AtomicLong();

  private final CatalogConfig config;
  private final ObjectStore store;
  private final List<Catalog> opened = new ArrayList<>();

  /** The embedded catalog of {@code dir}, with its local warehouse. */
  public ScanFixture(Path dir, ObjectStore store) {
    this(CatalogConfig.embedded(dir.toString()), store);
  }

  ScanFixture(CatalogConfig config, ObjectStore store) {
    this.config = config;
    this.store = store;
    catalog().ensureTables();
  }

  /** A scanner on its own catalog connection, as the query service would open it. */
  public SignalScanner scanner(ObjectStore walStore) {
    return new SignalScanner(catalog(), walStore, 64L << 20);
  }

  FloeCatalog catalog() {
    Catalog catalog = Catalogs.open(config);
    synchronized (opened) {
      opened.add(catalog);
    }
    return new FloeCatalog(catalog, config.namespace());
  }

  /** Closes the catalogs opened so far, and with them their FileIO's pooled connections. */
  @Override
  public void close() throws IOException {
    synchronized (opened) {
      for (Catalog catalog : opened) {
        if (catalog instanceof Closeable closeable) {
          closeable.close();
        }
      }
      opened.clear();
    }
  }

  /** Appends one WAL segment of {@code rows} with the real writer. */
  public SegmentKey append(Signal signal, List<Record> rows) {
    byte[] segment =
        new SegmentEncoder(signal.table(), 1)
            .encode(new ArrayList<>(rows), Map.of(SegmentEncoder.WRITER_KEY, "scan-test-" + WRITERS.incrementAndGet()));
    try {
      return new WalWriter(store, signal, 1, 3).append(segment);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Moves the whole WAL of {@code signal} into its table with the real compactor. */
  public void compact(Signal signal) {
    Table table = catalog().ensureTables().get(signal);
    new Compactor(
            signal,
            table,
            store,
            1,
            new CompactionConfig(Duration.ofSeconds(1), 64L << 20, 64L << 20, 1_000_000),
            new CompactionMetrics(new SimpleMeterRegistry(), signal),
            Clock.systemUTC())
        .compact(() -> true);
  }

  /** A log row of {@code tenant} in stream {@code labels}, at {@code micros} plus 7 ns. */
  public static Record log(String tenant, String labels, long micros, String body) {
    Record row = WalRows.log(tenant, labels.hashCode(), micros, body);
    row.setField("stream_labels", labels);
    return row;
  }

  /** Rows of two tenants, two days and three streams; every body is unique. */
  static List<Record> logs(String prefix, int count) {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String tenant = i % 2 == 0 ? "tenant-a" : "tenant-b";
      long micros = DAY_ONE_MICROS + (i % 4 < 2 ? 0 : DAY_MICROS) + i;
      rows.add(log(tenant, "{app=\"app-" + (i % 3) + "\"}", micros, prefix + "-" + i));
    }
    return rows;
  }
}
