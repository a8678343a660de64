package dev.floe.bench;

import dev.floe.admin.ServiceMeters;
import dev.floe.config.StorageConfig;
import dev.floe.ingest.IngestConfig;
import dev.floe.ingest.IngestService;
import dev.floe.store.LocalObjectStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a {@link Phase}: an in-process ingest service on 127.0.0.1 (ephemeral ports) writing to a
 * local store in a temporary folder, load clients, a measurement window; then stops the clients
 * (every request in flight gets its answer), stops the service (open batches flush), measures the
 * WAL and deletes the folder.
 */
final class PhaseRunner {
  private final List<byte[]> bodies;
  private final int recordsPerRequest;
  private final HeapMonitor heap;

  PhaseRunner(List<byte[]> bodies, int recordsPerRequest, HeapMonitor heap) {
    this.bodies = bodies;
    this.recordsPerRequest = recordsPerRequest;
    this.heap = heap;
  }

  PhaseResult run(Phase phase) throws IOException, InterruptedException {
    System.gc();
    Path dir = Files.createTempDirectory("floe-bench-");
    try (LocalObjectStore store = new LocalObjectStore(dir)) {
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
      try {
        Thread.sleep(phase.warmupSeconds() * 1000L);
        heap.reset();
        CpuMeter.Snapshot cpuStart = CpuMeter.snapshot();
        start = System.nanoTime();
        Thread.sleep(phase.measureSeconds() * 1000L);
        end = System.nanoTime();
        cpu = CpuMeter.between(cpuStart, CpuMeter.snapshot());
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
      DistributionSummary rows = meters.find("floe.wal.segment.rows").tag("signal", "logs").summary();
      return new PhaseResult(
          phase,
          recordsPerRequest,
          Window.of(logs, start, end),
          cpu,
          walBytes(dir),
          rows == null ? 0 : (long) rows.totalAmount(),
          rows == null ? 0 : rows.count(),
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

  private static long walBytes(Path dir) throws IOException {
    Path wal = dir.resolve("wal");
    if (!Files.isDirectory(wal)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(wal)) {
      return files.filter(Files::isRegularFile).mapToLong(PhaseRunner::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

