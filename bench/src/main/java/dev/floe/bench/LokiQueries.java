package dev.floe.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.floe.admin.ServiceMeters;
import dev.floe.catalog.CatalogConfig;
import dev.floe.lang.QueryContext;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.config.StorageConfig;
import dev.floe.config.WalConfig;
import dev.floe.logql.LogqlParser;
import dev.floe.logql.engine.Direction;
import dev.floe.logql.engine.LogqlEngine;
import dev.floe.logql.engine.LogqlQuery;
import dev.floe.logql.engine.QueryResult;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.CompactionResult;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.otlp.MappingConfig;
import dev.floe.otlp.OtlpMapper;
import dev.floe.query.QueryConfig;
import dev.floe.query.QueryService;
import dev.floe.query.logs.ScanLogSource;
import dev.floe.query.scan.BatchConsumer;
import dev.floe.query.scan.ColumnBatch;
import dev.floe.query.scan.ScanRequest;
import dev.floe.query.scan.ScanStats;
import dev.floe.query.scan.SignalScanner;
import dev.floe.schema.Columns;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.wal.SegmentEncoder;
import dev.floe.wal.WalWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;

/**
 * Loki query speed: fills a local WAL with N log lines over 24 hours ({@link LogWorkload} with 26
 * services, 1% of the lines containing "needle"), then runs a line-filter query and a metric query
 * through the LogQL engine over {@link ScanLogSource} and through the Loki HTTP API, first with every
 * line in the WAL, then after compacting them all into Iceberg. The baseline is the scan alone:
 * decoding the same Parquet columns into column batches with no filtering.
 *
 * <p>"Scanned bytes" are the uncompressed sizes of the Parquet column chunks of the columns a log
 * scan reads, summed over every file of the range (Parquet's {@code total_uncompressed_size}); per
 * core means per CPU-second of the whole process (garbage collector and JIT included).
 *
 * <p>Usage: {@code java -Xmx4g -cp ... dev.floe.bench.LokiQueries [lines, default 10000000] [folder, default
 * a temporary folder] [--fill-only]}: a folder filled before (its {@code start-nanos} file exists) is
 * queried as it is; {@code --fill-only} writes the WAL and stops.
 */
public final class LokiQueries {
  private static final String TENANT = "bench";
  private static final int ROWS_PER_SEGMENT = 50_000;
  private static final int RECORDS_PER_REQUEST = 1000;
  private static final long DAY_NANOS = Duration.ofDays(1).toNanos();
  private static final String NEEDLE = "needle";
  private static final String LINE_FILTER = "{service_name=\"checkout\"} |= \"needle\"";
  private static final String METRIC = "sum by (detected_level) (count_over_time({service_name=~\".+\"}[1m]))";
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final LocalObjectStore store;
  private final Path storeDir;
  private final Table table;
  private final SignalScanner scanner;
  private final HeapMonitor heap = new HeapMonitor();
  private final long start;
  private final long end;

  private LokiQueries(Path dir, FloeCatalog catalog, long start) {
    this.storeDir = dir.resolve("store");
    this.store = new LocalObjectStore(storeDir);
    this.table = catalog.ensureTables().get(Signal.LOGS);
    this.scanner = new SignalScanner(catalog, store, 256L << 20);
    this.start = start;
    this.end = start + DAY_NANOS;
  }

  public static void main(String[] args) throws Exception {
    long lines = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("floe-loki-bench");
    boolean fillOnly = args.length > 2 && args[2].equals("--fill-only");
    Catalog catalog = Catalogs.open(CatalogConfig.embedded(dir.toString()));
    Path startFile = dir.resolve("start-nanos");
    boolean filled = Files.exists(startFile);
    long start =
        filled
            ? Long.parseLong(Files.readString(startFile).trim())
            : (System.currentTimeMillis() / 60_000 - 24 * 60 - 1) * 60_000_000_000L;
    LokiQueries bench = new LokiQueries(dir, new FloeCatalog(catalog, "floe"), start);
    System.out.printf(Locale.ROOT, "Max heap %,d MiB, %d cores, data in %s%n",
        HeapMonitor.maxHeapBytes() >> 20, Runtime.getRuntime().availableProcessors(), dir);
    if (!filled) {
      long began = System.nanoTime();
      long needles = bench.fillWal(lines);
      Files.writeString(startFile, Long.toString(start));
      System.out.printf(Locale.ROOT, "WAL: %,d lines (%,d with \"%s\"), %,d bytes, written in %.0f s%n",
          lines, needles, NEEDLE, bench.walBytes(), (System.nanoTime() - began) / 1e9);
    }
    if (!fillOnly) {
      try (QueryService service = bench.startService(dir, catalog)) {
        bench.measureAll("WAL", service);
        bench.compact();
        bench.measureAll("Iceberg", service);
      }
    }
    bench.store.close();
  }

  /** Writes {@code lines} lines in requests of 1000 spread evenly over the day; returns how many hold the needle. */
  private long fillWal(long lines) throws InterruptedException {
    LogWorkload workload = new LogWorkload(42, LogWorkload.MAX_SERVICES);
    OtlpMapper mapper = new OtlpMapper(MappingConfig.defaults());
    WalWriter writer = new WalWriter(store, Signal.LOGS, WalConfig.defaults().shards(), 3);
    SegmentEncoder encoder = new SegmentEncoder(Signal.LOGS.table(), WalConfig.defaults().zstdLevel());
    SplittableRandom random = new SplittableRandom(7);
    long requests = (lines + RECORDS_PER_REQUEST - 1) / RECORDS_PER_REQUEST;
    List<Record> rows = new ArrayList<>(ROWS_PER_SEGMENT + RECORDS_PER_REQUEST);
    long written = 0;
    long needles = 0;
    int segment = 0;
    for (long r = 0; r < requests; r++) {
      int count = (int) Math.min(RECORDS_PER_REQUEST, lines - written);
      long sent = start + 1_000_000_000L + (r + 1) * (DAY_NANOS - 2_000_000_000L) / requests;
      for (Record row : mapper.mapLogs(TENANT, workload.request(count, sent), sent).rowsFor(Signal.LOGS)) {
        if (random.nextInt(100) == 0) {
          String body = (String) row.getField(Columns.BODY);
          int at = body.indexOf(' ', body.length() / 2);
          row.setField(Columns.BODY, body.substring(0, at) + " " + NEEDLE + body.substring(at));
          needles++;
        }
        rows.add(row);
      }
      written += count;
      if (rows.size() >= ROWS_PER_SEGMENT || written == lines) {
        writer.append(encoder.encode(rows, Map.of(SegmentEncoder.WRITER_KEY, "bench/" + segment++)));
        rows.clear();
      }
    }
    return needles;
  }

  private long walBytes() throws IOException {
    try (Stream<Path> files = Files.walk(storeDir)) {
      return files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
    }
  }

  private QueryService startService(Path dir, Catalog catalog) {
    QueryConfig defaults = QueryConfig.defaults();
    QueryConfig.Listener local = new QueryConfig.Listener("127.0.0.1", 0);
    QueryConfig config =
        new QueryConfig(
            local, local, local, new QueryConfig.Listener("127.0.0.1", -1), TENANT,
            StorageConfig.local(storeDir.toString()), CatalogConfig.embedded(dir.toString()), defaults.wal(),
            queryLimits(), defaults.prometheusLimits(), defaults.tempoLimits(), defaults.limits(),
            defaults.promoteResourceAttributes(), defaults.authEnabled(), defaults.tls());
    return QueryService.start(config, store, catalog, ServiceMeters.newRegistry(), server -> {});
  }

  /** Loki's default limits with a timeout long enough for a slow, shared machine. */
  private static QueryConfig.LokiLimits queryLimits() {
    QueryConfig.LokiLimits limits = QueryConfig.defaults().lokiLimits();
    return new QueryConfig.LokiLimits(
        limits.maxQueryLength(), limits.maxEntriesLimitPerQuery(), limits.maxQuerySeries(), Duration.ofMinutes(30),
        limits.maxPoints());
  }

  private void compact() {
    Compactor compactor =
        new Compactor(
            Signal.LOGS, table, store, WalConfig.defaults().shards(), CompactionConfig.defaults(),
            new CompactionMetrics(new SimpleMeterRegistry(), Signal.LOGS), Clock.systemUTC());
    long began = System.nanoTime();
    CompactionResult result = compactor.compact(() -> true);
    System.out.printf(Locale.ROOT, "Compacted %,d rows into %d files in %d commits, %.0f s%n",
        result.rows(), result.files(), result.commits(), (System.nanoTime() - began) / 1e9);
  }

  private void measureAll(String where, QueryService service) throws Exception {
    long scanned = scannedBytes(where.equals("WAL"));
    System.out.printf(Locale.ROOT, "%n== From %s: %,d uncompressed bytes in the columns a log scan reads ==%n", where, scanned);
    System.out.println("| run | latency (s) | CPU (s) | scanned GB/s per core | GB/s wall | vs baseline per core"
        + " | heap peak used / after GC (MiB) | result |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    Measured baseline = measure(this::decodeOnly);
    print(where + ": baseline, scan decoding only", baseline, scanned, baseline);
    print(where + ": line filter, engine", measure(() -> engine(LINE_FILTER, 0)), scanned, baseline);
    print(where + ": metric, engine", measure(() -> engine(METRIC, 60_000_000_000L)), scanned, baseline);
    print(where + ": line filter, HTTP", measure(() -> http(service, LINE_FILTER, null)), scanned, baseline);
    print(where + ": metric, HTTP", measure(() -> http(service, METRIC, "60s")), scanned, baseline);
  }

  /**
   * The scan alone: every column a log scan reads, decoded into batches (the scan decodes a column when it is
   * first read), all rows counted.
   */
  private String decodeOnly() {
    long[] rows = {0};
    ScanRequest request =
        ScanRequest.builder(Signal.LOGS)
            .tenant(TENANT)
            .timeRange(start, end)
            .columns(ScanLogSource.COLUMNS.toArray(String[]::new))
            .build();
    ScanStats stats =
        scanner.scan(
            request,
            new BatchConsumer() {
              @Override
              public void accept(ColumnBatch batch) {
                rows[0] += batch.size();
                for (String column : ScanLogSource.COLUMNS) {
                  switch (column) {
                    case Columns.TIMESTAMP -> batch.longs(column);
                    case Columns.SEVERITY_NUMBER -> batch.ints(column);
                    case Columns.ATTRIBUTES, Columns.RESOURCE_ATTRIBUTES -> batch.maps(column);
                    default -> batch.strings(column);
                  }
                }
              }

              @Override
              public void reset() {
                rows[0] = 0;
              }
            });
    return String.format(Locale.ROOT, "%,d rows, %d files, %d segments", rows[0], stats.dataFiles(), stats.segments());
  }

  private String engine(String query, long stepNanos) {
    LogqlEngine engine =
        new LogqlEngine(new ScanLogSource(scanner, Set.of(TENANT), QueryContext.unbounded()), queryLimits().engineOptions());
    QueryResult result =
        engine.execute(
            LogqlQuery.range(LogqlParser.parse(query), start, end, stepNanos, 0, 100, Direction.BACKWARD));
    return String.format(Locale.ROOT, "%,d lines read (%,d bytes as Loki counts them), %,d kept",
        result.stats().totalLinesProcessed(), result.stats().totalBytesProcessed(), result.stats().totalPostFilterLines());
  }

  private String http(QueryService service, String query, String step) throws IOException, InterruptedException {
    StringBuilder uri = new StringBuilder("http://127.0.0.1:" + service.lokiPort() + "/loki/api/v1/query_range?query=")
        .append(URLEncoder.encode(query, StandardCharsets.UTF_8))
        .append("&start=").append(start).append("&end=").append(end).append("&limit=100&direction=backward");
    if (step != null) {
      uri.append("&step=").append(step);
    }
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofMinutes(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
    return String.format(Locale.ROOT, "HTTP 200, %,d bytes", response.body().length());
  }

  private Measured measure(Callable<String> run) throws Exception {
    System.gc();
    heap.reset();
    long cpu = OS.getProcessCpuTime();
    long began = System.nanoTime();
    String result = run.call();
    return new Measured(
        (System.nanoTime() - began) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9, heap.peakUsedBytes(),
        heap.peakAfterGcBytes(), result);
  }

  private static void print(String name, Measured run, long scanned, Measured baseline) {
    System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.3f | %.3f | %.2f | %,d / %,d | %s |%n",
        name, run.wallSeconds, run.cpuSeconds, scanned / run.cpuSeconds / 1e9, scanned / run.wallSeconds / 1e9,
        baseline.cpuSeconds / run.cpuSeconds, run.heapPeakBytes >> 20, run.heapAfterGcBytes >> 20, run.result);
  }

  /** Uncompressed bytes of the scanned columns in the WAL segments or in the table's data files. */
  private long scannedBytes(boolean wal) throws IOException {
    List<Path> files = new ArrayList<>();
    if (wal) {
      try (Stream<Path> walk = Files.walk(storeDir.resolve("wal").resolve(Signal.LOGS.id()))) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      }
    } else {
      table.refresh();
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        tasks.forEach(task -> {
          String location = task.file().location();
          files.add(location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location));
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Set<String> columns = Set.copyOf(ScanLogSource.COLUMNS);
    long bytes = 0;
    for (Path file : files) {
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          for (ColumnChunkMetaData column : block.getColumns()) {
            if (columns.contains(column.getPath().toArray()[0])) {
              bytes += column.getTotalUncompressedSize();
            }
          }
        }
      }
    }
    return bytes;
  }

  private record Measured(double wallSeconds, double cpuSeconds, long heapPeakBytes, long heapAfterGcBytes, String result) {}
}
