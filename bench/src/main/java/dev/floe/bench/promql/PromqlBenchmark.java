package dev.floe.bench.promql;

import dev.floe.bench.Machine;
import dev.floe.ingest.IngestConfig;
import dev.floe.ingest.pipeline.BatchConfig;
import dev.floe.query.QueryConfig;
import dev.floe.standalone.Standalone;
import dev.floe.standalone.StandaloneConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * PromQL range queries on Floe side by side with Prometheus: the same 1,000 series over 24 hours
 * ({@link PromqlWorkload}) imported into Prometheus with {@code promtool} and into Floe as OTLP
 * ({@link FloeLoader}), then the same {@code query_range} calls against both HTTP APIs, alternating,
 * with the median latencies, their ratio, whether the answers agree, and bytes per sample stored.
 *
 * <p>Usage: {@code PromqlBenchmark [--out=bench/results] [--reps=5] [--max-rows-per-commit=1000000]
 * [--dir=folder, default a temporary one, deleted unless --keep]}. A {@code --dir} that holds the
 * data of an earlier run is queried again without loading.
 */
public final class PromqlBenchmark {
  private static final int STEP_SECONDS = 60;
  private static final double TOLERANCE = 1e-6;
  private static final List<String> QUERIES = List.of(
      "sum by (job) (rate(x_total[5m]))",
      "histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))",
      "rate(x_total{job=\"job-3\"}[5m])",
      "sum by (job) (rate(h_sum[5m])) / sum by (job) (rate(h_count[5m]))");

  private PromqlBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(option(args, "out", "bench/results"));
    int reps = Integer.parseInt(option(args, "reps", "5"));
    long maxRowsPerCommit = Long.parseLong(option(args, "max-rows-per-commit", "1000000"));
    boolean keep = Arrays.asList(args).contains("--keep");
    String dirOption = option(args, "dir", "");
    Path dir = dirOption.isEmpty() ? Files.createTempDirectory("floe-promql-bench") : Files.createDirectories(Path.of(dirOption));
    Files.createDirectories(out);

    Path saved = dir.resolve("loaded.properties");
    List<String> report = new ArrayList<>();
    try {
      Path tsdb = dir.resolve("prometheus");
      StandaloneConfig config = standaloneConfig(dir.resolve("floe"));
      Loaded loaded;
      if (Files.exists(saved)) {
        loaded = Loaded.read(saved);
        System.out.println("Reusing the data loaded in " + dir);
      } else {
        loaded = load(dir, config, maxRowsPerCommit);
        loaded.write(saved);
      }
      long startMillis = loaded.workload().startMillis();
      try (PrometheusServer prometheus = PrometheusServer.start(tsdb, dir);
          Standalone floe = Standalone.start(config)) {
        long tsdbBytes = folderBytes(tsdb);
        report.add(String.format("Machine: %s; load average before the queries: %s", Machine.hardware(), loadAverage()));
        report.add("");
        report.addAll(compare(
            new RangeQueries(prometheus.baseUrl()), new RangeQueries("http://127.0.0.1:" + floe.query().prometheusPort()),
            startMillis, reps));
        long samples = PromqlWorkload.sampleCount();
        report.add("");
        report.add("| storage | bytes | bytes per sample |");
        report.add("|---|---|---|");
        report.add(String.format("| Prometheus TSDB (%d blocks, whole data folder) | %,d | %.2f |", blockCount(tsdb), tsdbBytes, (double) tsdbBytes / samples));
        FloeLoader.Loaded floeLoaded = loaded.floe();
        report.add(String.format("| Floe Iceberg data files (%d files, %,d rows) | %,d | %.2f |",
            floeLoaded.dataFiles(), floeLoaded.rows(), floeLoaded.icebergBytes(), (double) floeLoaded.icebergBytes() / samples));
        report.add(String.format("| Floe WAL segments (before cleanup) | %,d | %.2f |", floeLoaded.walBytes(), (double) floeLoaded.walBytes() / samples));
        report.add(String.format("%nLoad average after the queries: %s; %d repetitions per query after one comparison run; step %d s.",
            loadAverage(), reps, STEP_SECONDS));
      }
    } finally {
      if (!keep && dirOption.isEmpty()) {
        deleteFolder(dir);
      } else {
        System.out.println("data in " + dir);
      }
    }
    Files.write(out.resolve("promql.md"), report);
    System.out.println();
    report.forEach(System.out::println);
  }

  /** Runs every query over both windows on both APIs; returns the table rows. */
  private static List<String> compare(RangeQueries onPrometheus, RangeQueries onFloe, long startMillis, int reps)
      throws IOException, InterruptedException {
    // Query steps on the minute, from 5 minutes after the first sample (1,439 steps): where a
    // counter starts inside the range, Prometheus 2.42 clamps the extrapolation towards zero
    // before its 1.1-interval threshold, Floe's engine (which follows Prometheus 3) after it.
    long first = (startMillis / 60_000 + 6) * 60;
    long end = first + Duration.ofHours(24).toSeconds() - 2L * STEP_SECONDS;
    long[][] windows = {{first, end}, {end - 3600, end}};
    String[] windowNames = {"24 h", "1 h"};
    List<String> rows = new ArrayList<>();
    rows.add("| query | window | Prometheus median (ms) | Floe median (ms) | Floe / Prometheus | series x points | results equal |");
    rows.add("|---|---|---|---|---|---|---|");
    for (String query : QUERIES) {
      for (int w = 0; w < windows.length; w++) {
        long from = windows[w][0];
        long to = windows[w][1];
        RangeQueries.Answer expected = onPrometheus.run(query, from, to, STEP_SECONDS);
        RangeQueries.Answer actual = onFloe.run(query, from, to, STEP_SECONDS);
        MatrixComparison.Outcome outcome = MatrixComparison.compare(expected.result(), actual.result(), TOLERANCE);
        double[] prometheusMillis = new double[reps];
        double[] floeMillis = new double[reps];
        for (int r = 0; r < reps; r++) {
          prometheusMillis[r] = onPrometheus.run(query, from, to, STEP_SECONDS).millis();
          floeMillis[r] = onFloe.run(query, from, to, STEP_SECONDS).millis();
        }
        double p = median(prometheusMillis);
        double f = median(floeMillis);
        String row = String.format("| `%s` | %s | %.1f | %.1f | %.1f | %d x %d | %s |",
            query, windowNames[w], p, f, f / p, outcome.series(), outcome.series() == 0 ? 0 : outcome.points() / outcome.series(),
            outcome.equal() ? "yes" : "**no**: " + outcome.firstDifference());
        System.out.println(row);
        rows.add(row);
      }
    }
    return rows;
  }

  /** Writes the workload to Prometheus (OpenMetrics, promtool) and to Floe (OTLP, WAL, compaction). */
  private static Loaded load(Path dir, StandaloneConfig config, long maxRowsPerCommit) throws Exception {
    // Samples 7 s past the minute: no sample falls on the edge of a range selector at the 60 s query
    // steps, the one place where Prometheus 2's closed ranges and Prometheus 3's left-open ones differ.
    long minute = 60_000;
    long startMillis = (System.currentTimeMillis() - Duration.ofHours(24).toMillis() - minute) / minute * minute + 7_000;
    PromqlWorkload workload = new PromqlWorkload(startMillis);
    System.out.printf("Workload: %,d series (%d counters x_total, %d histograms h with %d buckets), %,d samples each, %,d samples, from %s%n",
        PromqlWorkload.seriesCount(), PromqlWorkload.counterSeries(), PromqlWorkload.histogramSeries(),
        PromqlWorkload.BOUNDS.length + 1, PromqlWorkload.STEPS, PromqlWorkload.sampleCount(), Instant.ofEpochMilli(startMillis));

    Path openMetrics = dir.resolve("samples.om");
    long started = System.nanoTime();
    OpenMetricsFile.write(workload, openMetrics);
    long openMetricsBytes = Files.size(openMetrics);
    PrometheusServer.createBlocks(openMetrics, dir.resolve("prometheus"), "18h", dir.resolve("promtool.log"));
    Files.delete(openMetrics);
    System.out.printf("Prometheus: %,d bytes of OpenMetrics imported by promtool in %.0f s%n",
        openMetricsBytes, (System.nanoTime() - started) / 1e9);

    IngestConfig ingest = config.ingest();
    FloeLoader.Loaded floe = FloeLoader.load(
        workload, Path.of(config.dataDir()), ingest.defaultTenant(), ingest.wal().shards(), maxRowsPerCommit);
    System.out.printf("Floe: %,d OTLP data points into the WAL in %.0f s, compacted in %.0f s (%d commits, %d data files)%n",
        floe.rows(), floe.walSeconds(), floe.compactSeconds(), floe.commits(), floe.dataFiles());
    return new Loaded(workload, floe);
  }

  /** The loaded workload, saved with the data so that {@code --dir} can query it again. */
  private record Loaded(PromqlWorkload workload, FloeLoader.Loaded floe) {
    void write(Path file) throws IOException {
      Properties p = new Properties();
      p.setProperty("startMillis", Long.toString(workload.startMillis()));
      p.setProperty("rows", Long.toString(floe.rows()));
      p.setProperty("walBytes", Long.toString(floe.walBytes()));
      p.setProperty("icebergBytes", Long.toString(floe.icebergBytes()));
      p.setProperty("dataFiles", Integer.toString(floe.dataFiles()));
      p.setProperty("commits", Integer.toString(floe.commits()));
      p.setProperty("walSeconds", Double.toString(floe.walSeconds()));
      p.setProperty("compactSeconds", Double.toString(floe.compactSeconds()));
      try (Writer out = Files.newBufferedWriter(file)) {
        p.store(out, "PromQL benchmark data");
      }
    }

    static Loaded read(Path file) throws IOException {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        p.load(in);
      }
      return new Loaded(
          new PromqlWorkload(Long.parseLong(p.getProperty("startMillis"))),
          new FloeLoader.Loaded(
              Long.parseLong(p.getProperty("rows")), Long.parseLong(p.getProperty("walBytes")),
              Long.parseLong(p.getProperty("icebergBytes")), Integer.parseInt(p.getProperty("dataFiles")),
              Integer.parseInt(p.getProperty("commits")), Double.parseDouble(p.getProperty("walSeconds")),
              Double.parseDouble(p.getProperty("compactSeconds"))));
    }
  }

  /** Standalone on {@code dataDir} with every listener on 127.0.0.1 and an ephemeral port. */
  private static StandaloneConfig standaloneConfig(Path dataDir) {
    StandaloneConfig defaults = StandaloneConfig.defaults();
    IngestConfig i = defaults.ingest();
    IngestConfig.Listener local = new IngestConfig.Listener("127.0.0.1", 0);
    IngestConfig ingest = new IngestConfig(
        i.instanceId(), local, local, local, i.defaultTenant(), i.storage(), i.wal(),
        new BatchConfig(i.batch().maxRows(), i.batch().maxBytes(), i.batch().maxDelay(), i.batch().flushThreads()),
        i.limits(), i.mapping(), i.shutdownTimeout(), i.authEnabled(), i.tls(), i.readiness());
    QueryConfig q = defaults.query();
    QueryConfig.Listener queryLocal = new QueryConfig.Listener("127.0.0.1", 0);
    QueryConfig query = new QueryConfig(
        queryLocal, queryLocal, queryLocal, queryLocal, q.defaultTenant(), q.storage(), q.catalog(), q.wal(),
        q.lokiLimits(), q.prometheusLimits(), q.tempoLimits(), q.limits(), q.promoteResourceAttributes(),
        q.authEnabled(), q.tls());
    return new StandaloneConfig(dataDir.toString(), ingest, defaults.maintain(), query, defaults.authEnabled(), defaults.tls());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static long folderBytes(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static long blockCount(Path tsdb) throws IOException {
    try (Stream<Path> entries = Files.list(tsdb)) {
      return entries.filter(p -> Files.exists(p.resolve("meta.json"))).count();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void deleteFolder(Path folder) throws IOException {
    try (Stream<Path> entries = Files.walk(folder)) {
      for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(entry);
      }
    }
  }

  private static String option(String[] args, String name, String fallback) {
    String prefix = "--" + name + "=";
    return Arrays.stream(args).filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst().orElse(fallback);
  }
}
