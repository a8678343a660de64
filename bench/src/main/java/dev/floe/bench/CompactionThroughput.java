package dev.floe.bench;

import dev.floe.config.WalConfig;
import dev.floe.catalog.CatalogConfig;
import dev.floe.catalog.Catalogs;
import dev.floe.catalog.FloeCatalog;
import dev.floe.maintain.compaction.CompactionConfig;
import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.CompactionResult;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.otlp.Fingerprints;
import dev.floe.schema.Signal;
import dev.floe.store.LocalObjectStore;
import dev.floe.store.ObjectInfo;
import dev.floe.wal.SegmentEncoder;
import dev.floe.wal.WalWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Compaction throughput: fills a local WAL with N log records (written directly with the WAL writer
 * and segment encoder, no HTTP), compacts the backlog into an embedded catalog with the maintain
 * service's compactor and default settings, and prints records per second per core, the heap's peak
 * during compaction, bytes per record in the WAL and in Iceberg, and the data files written.
 *
 * <p>Usage: {@code java -Xmx1g -cp 'bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*'
 * dev.floe.bench.CompactionThroughput [records, default 1000000] [folder, default a temp folder]
 * [maxRowsPerCommit, default the compactor's default]}.
 */
public final class CompactionThroughput {
  private static final int ROWS_PER_SEGMENT = 20_000;
  private static final int SHARDS = 4;
  private static final String[] TENANTS = {"team-a", "team-b", "team-c"};
  private static final String[] SERVICES = {"checkout", "cart", "payment", "search", "auth", "catalog", "shipping"};
  private static final String[] LEVELS = {"INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"};

  private CompactionThroughput() {}

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("floe-compaction-bench");
    try (LocalObjectStore store = new LocalObjectStore(dir.resolve("store"))) {
      long started = System.nanoTime();
      long walBytes = fillWal(store, records);
      System.out.printf("WAL: %,d records in %,d bytes (%.1f bytes/record), written in %.1f s%n",
          records, walBytes, (double) walBytes / records, (System.nanoTime() - started) / 1e9);

      Table table = new FloeCatalog(Catalogs.open(CatalogConfig.embedded(dir.toString())), "floe").ensureTables().get(Signal.LOGS);
      CompactionConfig defaults = CompactionConfig.defaults();
      CompactionConfig config =
          args.length > 2
              ? new CompactionConfig(
                  defaults.interval(), defaults.targetFileBytes(), defaults.maxSegmentBytesPerCommit(), Long.parseLong(args[2]))
              : defaults;
      Compactor compactor =
          new Compactor(
              Signal.LOGS, table, store, SHARDS, config,
              new CompactionMetrics(new SimpleMeterRegistry(), Signal.LOGS), Clock.systemUTC());
      System.gc();
      resetHeapPeaks();
      HeapSampler sampler = new HeapSampler();
      sampler.start();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpuBefore = threads.getCurrentThreadCpuTime();
      long wallBefore = System.nanoTime();
      CompactionResult result = compactor.compact(() -> true);
      double wall = (System.nanoTime() - wallBefore) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
      sampler.interrupt();
      sampler.join();

      List<Long> sizes = dataFileSizes(table);
      long icebergBytes = sizes.stream().mapToLong(Long::longValue).sum();
      System.out.printf("compaction: %,d records, %d commits, %d files, %.1f s wall, %.1f s CPU of the compacting thread%n",
          result.rows(), result.commits(), result.files(), wall, cpu);
      System.out.printf("throughput: %,.0f records/s wall, %,.0f records/s per core (compacting thread CPU)%n",
          result.rows() / wall, result.rows() / cpu);
      System.out.printf("heap: peak used %,d MiB sampled every 20 ms, %,d MiB sum of heap pool peaks; max heap %,d MiB%n",
          sampler.peak.get() >> 20, heapPoolPeaks() >> 20, Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf("size: Iceberg %,d bytes (%.1f bytes/record) vs WAL %,d bytes (%.1f bytes/record)%n",
          icebergBytes, (double) icebergBytes / records, walBytes, (double) walBytes / records);
      System.out.printf("files: %d, min %,d / avg %,d / max %,d bytes%n",
          sizes.size(),
          sizes.stream().mapToLong(Long::longValue).min().orElse(0),
          sizes.isEmpty() ? 0 : icebergBytes / sizes.size(),
          sizes.stream().mapToLong(Long::longValue).max().orElse(0));
      System.out.println("data in " + dir);
    }
  }

  /** Writes the records as segments of {@value #ROWS_PER_SEGMENT} rows and returns the WAL's size. */
  private static long fillWal(LocalObjectStore store, long records) throws InterruptedException {
    WalWriter writer = new WalWriter(store, Signal.LOGS, SHARDS, 3);
    SegmentEncoder encoder = new SegmentEncoder(Signal.LOGS.table(), WalConfig.defaults().zstdLevel());
    Random random = new Random(42);
    long start = System.currentTimeMillis() * 1000L;
    long written = 0;
    int segment = 0;
    while (written < records) {
      int count = (int) Math.min(ROWS_PER_SEGMENT, records - written);
      List<Record> rows = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        rows.add(row(random, start + written + i, written + i));
      }
      writer.append(encoder.encode(rows, Map.of(SegmentEncoder.WRITER_KEY, "bench/" + segment++)));
      written += count;
    }
    long bytes = 0;
    for (ObjectInfo info : store.listAll("wal/logs/", "")) {
      bytes += info.size();
    }
    return bytes;
  }

  /** A log record as the OTLP mapper would produce it, with a unique body. */
  private static Record row(Random random, long timeMicros, long sequence) {
    String tenant = TENANTS[random.nextInt(TENANTS.length)];
    String service = SERVICES[random.nextInt(SERVICES.length)];
    String pod = service + "-" + random.nextInt(4);
    String labels = "{k8s_pod_name=\"" + pod + "\", service_name=\"" + service + "\"}";
    String level = LEVELS[random.nextInt(LEVELS.length)];
    GenericRecord row = GenericRecord.create(Signal.LOGS.table().schema());
    row.setField("tenant_id", tenant);
    row.setField("timestamp", timeMicros);
    row.setField("timestamp_nanos", random.nextInt(1000));
    row.setField("observed_timestamp", timeMicros + 150);
    row.setField("observed_timestamp_nanos", 0);
    row.setField("service_name", service);
    row.setField("stream_labels", labels);
    row.setField("stream_fingerprint", Fingerprints.fnv1a64(labels));
    row.setField("severity_number", level.equals("ERROR") ? 17 : level.equals("WARN") ? 13 : 9);
    row.setField("severity_text", level);
    row.setField("body", "request " + sequence + " " + level.toLowerCase() + " handled in " + random.nextInt(900) + "ms for user " + random.nextInt(50_000) + " path /api/v1/items/" + random.nextInt(10_000));
    row.setField("trace_id", ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(random.nextLong()).flip());
    row.setField("span_id", ByteBuffer.allocate(8).putLong(random.nextLong()).flip());
    row.setField("flags", 1);
    row.setField("attributes", Map.of("http.method", "GET", "http.status_code", Integer.toString(200 + random.nextInt(4) * 100), "thread", "worker-" + random.nextInt(16)));
    row.setField("dropped_attributes_count", 0);
    row.setField("resource_attributes", Map.of("service.name", service, "k8s.pod.name", pod, "k8s.namespace.name", "shop", "host.name", "node-" + random.nextInt(8)));
    row.setField("scope_name", "io.opentelemetry.logback");
    row.setField("scope_version", "2.10.0");
    row.setField("value_types", Map.of());
    return row;
  }

  private static List<Long> dataFileSizes(Table table) throws IOException {
    table.refresh();
    List<Long> sizes = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> sizes.add(task.file().fileSizeInBytes()));
    }
    return sizes;
  }

  private static void resetHeapPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** An upper bound of the peak: each pool's peak may come at a different moment. */
  private static long heapPoolPeaks() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Samples the used heap, which includes garbage not yet collected: an upper bound of live data. */
  private static final class HeapSampler extends Thread {
    final AtomicLong peak = new AtomicLong();

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        Runtime runtime = Runtime.getRuntime();
        peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
