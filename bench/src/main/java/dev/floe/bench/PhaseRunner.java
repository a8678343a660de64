package dev.floe.bench;

import dev.floe.admin.ServiceMeters;
import dev.floe.config.StorageConfig;
import dev.floe.ingest.IngestConfig;
import dev.floe.ingest.IngestService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a {@link Phase}: an in-process ingest service on 127.0.0.1 (ephemeral ports) writing to a
 * fresh store (a local folder, or an in-process S3 from the bench's test sources), load
 * clients, a measurement window; then stops the clients (every request in flight gets its answer),
 * stops the service (open batches flush), and deletes the folder. Segments and store requests are
 * counted in the window.
 */
final class PhaseRunner {
  private final List<byte[]> bodies;
  private final int recordsPerRequest;
  private final HeapMonitor heap;
  private final StoreFactory stores;

  PhaseRunner(List<byte[]> bodies, int recordsPerRequest, HeapMonitor heap, StoreFactory stores) {
    this.bodies = bodies;
    this.recordsPerRequest = recordsPerRequest;
    this.heap = heap;
    this.stores = stores;
  }

  String storeName() {
    return stores.name();
  }

  PhaseResult run(Phase phase) throws IOException, InterruptedException {
    System.gc();
    Path dir = Files.createTempDirectory("floe-bench-");
    try (CountingStore store = new CountingStore(stores.open(dir))) {
      PrometheusMeterRegistry meters = ServiceMeters.newRegistry();
      IngestService service = IngestService.start(config(dir, phase.maxBufferedBytes()), store, meters);
      URI uri = URI.create("http://127.0.0.1:" + service.httpPort() + "/v1/logs");
      Duration bound = Duration.ofSeconds(phase.warmupSeconds() + phase.measureSeconds() + 60L);
      LoadClients clients =
          new LoadClients(uri, bodies, phase.clients(), phase.requestsPerSecond(),
              Duration.ofMillis(phase.refusalPauseMillis()), bound);
      List<SampleLog> logs;
      long start;
      long end;
      CpuMeter.Usage cpu;
      WalCounts walStart;
      WalCounts walEnd;
      try {
        Thread.sleep(phase.warmupSeconds() * 1000L);
        heap.reset();
        walStart = WalCounts.of(meters, store);
        CpuMeter.Snapshot cpuStart = CpuMeter.snapshot();
        start = System.nanoTime();
        Thread.sleep(phase.measureSeconds() * 1000L);
        end = System.nanoTime();
        cpu = CpuMeter.between(cpuStart, CpuMeter.snapshot());
        walEnd = WalCounts.of(meters, store);
      } finally {
        logs = clients.stop();
        service.stop();
      }
      long peakUsed = heap.peakUsedBytes();
      long peakAfterGc = heap.peakAfterGcBytes();
      long acked = 0;
      for (SampleLog log : logs) {
        for (int i = 0; i < log.size(); i++) {
          if (log.status(i) == 200) {
            acked++;
          }
        }
      }
      return new PhaseResult(
          phase,
          recordsPerRequest,
          Window.of(logs, start, end),
          cpu,
          WalCounts.of(meters, store),
          walEnd.minus(walStart),
          acked * recordsPerRequest,
          peakUsed,
          peakAfterGc,
          HeapMonitor.maxHeapBytes());
    } finally {
      deleteTree(dir);
    }
  }

  private static IngestConfig config(Path dir, long maxBufferedBytes) {
    IngestConfig d = IngestConfig.defaults();
    IngestConfig.Listener local = new IngestConfig.Listener("127.0.0.1", 0);
    return new IngestConfig(
        "bench",
        local,
        local,
        local,
        d.defaultTenant(),
        StorageConfig.local(dir.toString()),
        d.wal(),
        d.batch(),
        new IngestConfig.Limits(
            d.limits().maxRequestBytes(), d.limits().maxDecompressedBytes(), maxBufferedBytes, d.limits().requestTimeout()),
        d.mapping(),
        Duration.ofSeconds(30),
        d.authEnabled(),
        d.tls(),
        d.readiness());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

