package dev.floe.bench.scan;

import dev.floe.bench.LogWorkload;
import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.otlp.MappingConfig;
import dev.floe.otlp.OtlpMapper;
import dev.floe.query.scan.BatchConsumer;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.ScanRequest;
import dev.floe.query.scan.SignalScanner;
import dev.floe.query.scan.StringColumn;
import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.wal.SegmentEncoder;
import dev.floe.wal.WalWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.data.Record;

/**
 * How many body bytes per CPU-second a {@code |= "needle"} line filter scans, from the WAL and from
 * Iceberg: {@link LogWorkload} logs (200-byte bodies) written with the real WAL writer and compactor,
 * then scanned on one thread with the WAL segments cached, so the figure is decoding and filtering,
 * not I/O. Each mode runs {@code rounds} times after as many warm-up rounds; it reports the median
 * and the spread of the rounds' thread CPU time.
 *
 * <p>Modes: {@code decode} only decodes the bodies, the floor of the other two; {@code string} decodes
 * every body to a {@link String} and calls {@code contains}; {@code bytes} tests the raw UTF-8 with
 * {@link StringColumn#contains(int, byte[])}.
 *
 * <p>After {@code mvn -o -q -pl bench -am package -DskipTests}: {@code java -Xms2g -Xmx2g -cp
 * "bench/target/classes:bench/target/lib/*" dev.floe.bench.scan.LineFilterScan [rows] [rounds]}
 */
public final class LineFilterScan {
  private static final String TENANT = "default";
  private static final String NEEDLE = "needle-not-in-any-line";
  /** Holds every WAL segment of the default 400,000 rows, so WAL scans read no file. */
  private static final long CACHE_BYTES = 256L << 20;
  private static final String[] MODES = {"decode", "string", "bytes"};
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private LineFilterScan() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Files.createTempDirectory("floe-scan-bench");
    try {
      run(dir, rows, rounds);
    } finally {
      delete(dir);
    }
  }

  private static void run(Path dir, int rows, int rounds) throws InterruptedException {
    CatalogConfig config = CatalogConfig.embedded(dir.toString());
    LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
    FloeCatalog catalog = new FloeCatalog(Catalogs.open(config), config.namespace());
    catalog.ensureTables();
    long bodyBytes = write(store, rows);
    SignalScanner scanner = new SignalScanner(catalog, store, CACHE_BYTES);
    System.out.printf("%d rows, %.1f MB of bodies; needle absent from every line%n", rows, bodyBytes / 1e6);
    for (String mode : MODES) {
      report("wal", mode, scanner, bodyBytes, rounds);
    }
    scanner = null;
    new Compactor(Signal.LOGS, catalog.ensureTables().get(Signal.LOGS), store, 1,
            new CompactionConfig(Duration.ofSeconds(1), 128L << 20, 32L << 20, 100_000),
            new CompactionMetrics(new SimpleMeterRegistry(), Signal.LOGS), Clock.systemUTC())
        .compact(() -> true);
    for (String mode : MODES) {
      report("iceberg", mode, new SignalScanner(catalog, store, CACHE_BYTES), bodyBytes, rounds);
    }
  }

  /** Writes {@code rows} log rows as WAL segments of 50,000; returns their body bytes. */
  private static long write(LocalObjectStore store, int rows) throws InterruptedException {
    OtlpMapper mapper = new OtlpMapper(MappingConfig.defaults());
    LogWorkload workload = new LogWorkload(42);
    SegmentEncoder encoder = new SegmentEncoder(Signal.LOGS.table(), 3);
    WalWriter writer = new WalWriter(store, Signal.LOGS, 1, 3);
    long now = System.currentTimeMillis() * 1_000_000L;
    long bodyBytes = 0;
    List<Record> segment = new ArrayList<>();
    for (int written = 0; written < rows; written += LogWorkload.DEFAULT_RECORDS_PER_REQUEST) {
      List<Record> mapped = mapper.mapLogs(TENANT, workload.request(LogWorkload.DEFAULT_RECORDS_PER_REQUEST, now), now)
          .rowsFor(Signal.LOGS);
      for (Record row : mapped) {
        Object body = row.getField(Columns.BODY);
        bodyBytes += body == null ? 0 : body.toString().getBytes(StandardCharsets.UTF_8).length;
      }
      segment.addAll(mapped);
      if (segment.size() >= 50_000) {
        writer.append(encoder.encode(segment, Map.of(SegmentEncoder.WRITER_KEY, "bench/1")));
        segment = new ArrayList<>();
      }
    }
    if (!segment.isEmpty()) {
      writer.append(encoder.encode(segment, Map.of(SegmentEncoder.WRITER_KEY, "bench/1")));
    }
    return bodyBytes;
  }

  private static void report(String source, String mode, SignalScanner scanner, long bodyBytes, int rounds) {
    ScanRequest request = ScanRequest.builder(Signal.LOGS).tenant(TENANT).columns(Columns.BODY).build();
    byte[] needle = NEEDLE.getBytes(StandardCharsets.UTF_8);
    double[] gbPerSecond = new double[rounds];
    for (int round = -rounds; round < rounds; round++) {
      Filter filter = new Filter(mode, needle);
      long cpu = THREADS.getCurrentThreadCpuTime();
      scanner.scan(request, filter);
      long spent = THREADS.getCurrentThreadCpuTime() - cpu;
      if (filter.matched != 0 || filter.rows == 0) {
        throw new IllegalStateException(mode + ": " + filter.matched + " of " + filter.rows + " rows matched");
      }
      if (round >= 0) {
        gbPerSecond[round] = bodyBytes / (double) spent;
      }
    }
    Arrays.sort(gbPerSecond);
    System.out.printf("%-8s %-7s %.2f GB/s per core (median of %d; min %.2f, max %.2f)%n",
        source, mode, gbPerSecond[rounds / 2], rounds, gbPerSecond[0], gbPerSecond[rounds - 1]);
  }

  /** The line filter: counts the rows whose body holds the needle. */
  private static final class Filter implements BatchConsumer {
    private final boolean bytes;
    private final boolean decodeOnly;
    private final byte[] needle;
    private final String text;
    long rows;
    long matched;

    Filter(String mode, byte[] needle) {
      this.bytes = mode.equals("bytes");
      this.decodeOnly = mode.equals("decode");
      this.needle = needle;
      this.text = new String(needle, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(ColumnBatch batch) {
      StringColumn body = batch.strings(Columns.BODY);
      for (int row = 0; row < batch.size(); row++) {
        rows++;
        if (decodeOnly || body.isNull(row)) {
          continue;
        }
        if (bytes ? body.contains(row, needle) : body.get(row).contains(text)) {
          matched++;
        }
      }
    }

    @Override
    public void reset() {
      rows = 0;
      matched = 0;
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
