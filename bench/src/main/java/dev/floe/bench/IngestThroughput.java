package dev.floe.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The end-to-end ingest benchmark: OTLP/HTTP protobuf into an in-process ingest service on a local
 * store (or an in-process S3), in phases. "saturated": a closed loop of clients, for the throughput
 * and the CPU per record. "paced": requests at a fraction of that throughput, for the ack latency at
 * a load the service keeps up with. "rates": paced phases at given rates, for the segments they
 * write. "lone": one request at a time, far apart, for the ack latency of a lone request.
 * "overload": many clients against a small ingest buffer, for back-pressure (429s) and a bounded
 * heap. Every phase counts the segments and object-store requests of its window. The WAL goes to a
 * local folder; {@code IngestThroughputS3} (test sources) runs the same against an in-process S3.
 * Results go to {@code e2e.properties} (or {@code e2e-<store>.properties}) in the output folder.
 *
 * <p>Options ({@code --name=value}): {@code out}, {@code records-per-request} (1000), {@code
 * distinct-requests} (64), {@code clients} (64), {@code warmup} (20 s), {@code seconds} (30),
 * {@code paced-load} (0.7), {@code paced-clients} (64), {@code paced-warmup} (5 s), {@code paced-seconds} (20), {@code
 * overload-clients} (128), {@code overload-seconds} (20), {@code overload-buffer-mib} (0: the service's default, a quarter of the heap), {@code
 * refusal-pause-ms} (1000, as OTLP clients honour the service's {@code Retry-After: 1}), {@code
 * phases} (saturated,paced,overload; also rates and lone), {@code paced-rate} (requests/s of the paced phase, instead
 * of {@code paced-load} times the saturated throughput), {@code rates} (20,100: requests/s of the
 * "rates" phases, one phase "rate-N" each, with the paced phase's clients, warm-up and window),
 * {@code lone-rate} (5 requests/s), {@code lone-warmup} (20 s) and {@code lone-seconds} (30).
 */
public final class IngestThroughput {
  /** The service's own default memory budget, a quarter of the heap. */
  private static final long DEFAULT_BUFFER_BYTES = 0;

  private IngestThroughput() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    run(args, StoreFactory.LOCAL);
  }

  /** Runs the phases the options name with the WAL on {@code stores}. */
  static void run(String[] args, StoreFactory stores) throws IOException, InterruptedException {
    Options options = Options.parse(args);
    Path out = Path.of(options.text("out", "bench/results"));
    int records = options.integer("records-per-request", LogWorkload.DEFAULT_RECORDS_PER_REQUEST);
    List<byte[]> bodies = LogWorkload.serializedRequests(options.integer("distinct-requests", 64), records, 1);
    int warmup = options.integer("warmup", 20);
    int pause = options.integer("refusal-pause-ms", 1000);
    Properties results = new Properties();
    results.setProperty("store", stores.name());
    results.setProperty("records_per_request", Integer.toString(records));
    results.setProperty("payload_bytes_per_record", PhaseResult.fmt(payloadBytes(bodies) / (double) records));
    results.setProperty("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    results.setProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

    try (HeapMonitor heap = new HeapMonitor()) {
      PhaseRunner runner = new PhaseRunner(bodies, records, heap, stores);
      List<String> phases = List.of(options.text("phases", "saturated,paced,overload").split(","));
      double pacedRate = options.decimal("paced-rate", 0);
      int pacedClients = options.integer("paced-clients", 64);
      int pacedWarmup = options.integer("paced-warmup", Math.min(warmup, 5));
      int pacedSeconds = options.integer("paced-seconds", 20);
      if (phases.contains("lone")) {
        report(runner.run(new Phase("lone", 1, options.decimal("lone-rate", 5), options.integer("lone-warmup", 20),
            options.integer("lone-seconds", 30), DEFAULT_BUFFER_BYTES, pause)), results);
      }
      if (phases.contains("rates")) {
        for (String rate : options.text("rates", "20,100").split(",")) {
          report(runner.run(new Phase("rate-" + rate.trim(), pacedClients, Double.parseDouble(rate), pacedWarmup,
              pacedSeconds, DEFAULT_BUFFER_BYTES, pause)), results);
        }
      }
      if (phases.contains("saturated")) {
        PhaseResult saturated =
            report(runner.run(new Phase("saturated", options.integer("clients", 64), 0, warmup,
                options.integer("seconds", 30), DEFAULT_BUFFER_BYTES, pause)), results);
        if (pacedRate == 0) {
          pacedRate = options.decimal("paced-load", 0.7) * saturated.recordsPerSecond() / records;
        }
      }
      if (phases.contains("paced") && pacedRate > 0) {
        report(runner.run(new Phase("paced", pacedClients, pacedRate, pacedWarmup, pacedSeconds,
            DEFAULT_BUFFER_BYTES, pause)), results);
      }
      if (phases.contains("overload")) {
        report(runner.run(new Phase("overload", options.integer("overload-clients", 128), 0, Math.min(warmup, 2),
            options.integer("overload-seconds", 20), (long) options.integer("overload-buffer-mib", 0) << 20, pause)),
            results);
      }
    }
    Files.createDirectories(out);
    try (OutputStream file = Files.newOutputStream(out.resolve(stores == StoreFactory.LOCAL ? "e2e.properties" : "e2e-" + stores.name() + ".properties"))) {
      results.store(file, "Floe end-to-end ingest benchmark");
    }
  }

  private static PhaseResult report(PhaseResult result, Properties results) {
    result.store(results);
    Window w = result.window();
    System.out.printf(
        "%n== %s: %d clients%s, buffer %d MiB, %.0f s window%n",
        result.phase().name(),
        result.phase().clients(),
        result.phase().requestsPerSecond() > 0
            ? String.format(" paced at %.0f requests/s", result.phase().requestsPerSecond())
            : " (closed loop)",
        result.phase().maxBufferedBytes() >> 20,
        w.seconds());
    System.out.printf(
        "responses: %d x 200, %d x 429, %d x 503, %d other%n", w.ok(), w.rejected(), w.unavailable(), w.other());
    System.out.printf(
        "acked records/s: %.0f; CPU %.1f s (%.2f cores busy): %.0f records per CPU-second, %.0f without the clients%n",
        result.recordsPerSecond(),
        result.cpu().processSeconds(),
        result.cpu().processSeconds() / w.seconds(),
        result.recordsPerCpuSecond(),
        result.recordsPerServerCpuSecond());
    StringBuilder groups = new StringBuilder("CPU seconds by role:");
    for (Map.Entry<String, Double> group : result.cpu().groupSeconds().entrySet()) {
      groups.append(String.format(" %s %.1f;", group.getKey(), group.getValue()));
    }
    System.out.println(groups);
    System.out.printf(
        "ack latency ms: p50 %.1f, p99 %.1f, max %.1f%n",
        w.latencyMillis(0.5), w.latencyMillis(0.99), w.latencyMillis(1.0));
    System.out.printf(
        "WAL: %d segments, %d rows (%d records acked), %.1f bytes per record%n",
        result.wal().segments(), result.wal().rows(), result.ackedRecords(), result.walBytesPerRecord());
    WalCounts ww = result.windowWal();
    System.out.printf(
        "WAL in the window: %.1f segments/s, %.0f rows and %.0f bytes per segment, %.1f bytes per record, "
            + "%.0f object-store requests per million records%n",
        result.segmentsPerSecond(), ww.rowsPerSegment(), ww.bytesPerSegment(), ww.bytesPerRow(),
        ww.requestsPerMillionRows());
    System.out.printf(
        "heap: peak used %.0f MiB, peak after GC %.0f MiB, max %.0f MiB%n",
        result.peakUsedHeap() / 1048576.0, result.peakHeapAfterGc() / 1048576.0, result.maxHeap() / 1048576.0);
    return result;
  }

  private static long payloadBytes(List<byte[]> bodies) {
    long total = 0;
    for (byte[] body : bodies) {
      total += body.length;
    }
    return total / bodies.size();
  }
}
