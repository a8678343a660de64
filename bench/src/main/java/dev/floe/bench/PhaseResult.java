package dev.floe.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What one phase measured.
 *
 * @param phase what was run
 * @param recordsPerRequest log records in each request
 * @param window responses completed in the measurement window
 * @param cpu CPU spent in the measurement window
 * @param wal every log WAL segment of the phase, and the store requests
 * @param windowWal what the measurement window wrote
 * @param ackedRecords records of every request acknowledged in the phase
 * @param peakUsedHeap largest sampled used heap in the window, garbage included
 * @param peakHeapAfterGc largest heap occupancy after a collection in the window
 * @param maxHeap the JVM's maximum heap
 */
record PhaseResult(
    Phase phase,
    int recordsPerRequest,
    Window window,
    CpuMeter.Usage cpu,
    WalCounts wal,
    WalCounts windowWal,
    long ackedRecords,
    long peakUsedHeap,
    long peakHeapAfterGc,
    long maxHeap) {

  double recordsPerSecond() {
    return window.ok() * (double) recordsPerRequest / window.seconds();
  }

  /** Acknowledged records per CPU-second of the whole process, load clients included. */
  double recordsPerCpuSecond() {
    return window.ok() * (double) recordsPerRequest / cpu.processSeconds();
  }

  /** The same without the load clients' own CPU. */
  double recordsPerServerCpuSecond() {
    return window.ok() * (double) recordsPerRequest / (cpu.processSeconds() - cpu.groupSeconds().get(CpuMeter.CLIENT));
  }

  double walBytesPerRecord() {
    return wal.bytesPerRow();
  }

  double segmentsPerSecond() {
    return windowWal.segments() / window.seconds();
  }

  /** Adds this phase's figures under {@code <phase name>.}. */
  void store(Properties out) {
    String p = phase.name() + ".";
    out.setProperty(p + "clients", Integer.toString(phase.clients()));
    out.setProperty(p + "target_requests_per_second", fmt(phase.requestsPerSecond()));
    out.setProperty(p + "max_buffered_bytes", Long.toString(phase.maxBufferedBytes()));
    out.setProperty(p + "seconds", fmt(window.seconds()));
    out.setProperty(p + "responses_200", Long.toString(window.ok()));
    out.setProperty(p + "responses_429", Long.toString(window.rejected()));
    out.setProperty(p + "responses_503", Long.toString(window.unavailable()));
    out.setProperty(p + "responses_other", Long.toString(window.other()));
    out.setProperty(p + "records_per_second", fmt(recordsPerSecond()));
    out.setProperty(p + "cpu_seconds", fmt(cpu.processSeconds()));
    out.setProperty(p + "cpu_cores_busy", fmt(cpu.processSeconds() / window.seconds()));
    out.setProperty(p + "records_per_cpu_second", fmt(recordsPerCpuSecond()));
    out.setProperty(p + "records_per_server_cpu_second", fmt(recordsPerServerCpuSecond()));
    for (Map.Entry<String, Double> group : cpu.groupSeconds().entrySet()) {
      out.setProperty(p + "cpu_seconds." + group.getKey(), fmt(group.getValue()));
    }
    out.setProperty(p + "latency_p50_ms", fmt(window.latencyMillis(0.50)));
    out.setProperty(p + "latency_p99_ms", fmt(window.latencyMillis(0.99)));
    out.setProperty(p + "latency_max_ms", fmt(window.latencyMillis(1.0)));
    out.setProperty(p + "wal_bytes_per_record", fmt(walBytesPerRecord()));
    out.setProperty(p + "wal_segments", Long.toString(wal.segments()));
    out.setProperty(p + "wal_rows", Long.toString(wal.rows()));
    out.setProperty(p + "window_segments_per_second", fmt(segmentsPerSecond()));
    out.setProperty(p + "window_rows_per_segment", fmt(windowWal.rowsPerSegment()));
    out.setProperty(p + "window_bytes_per_segment", fmt(windowWal.bytesPerSegment()));
    out.setProperty(p + "window_wal_bytes_per_record", fmt(windowWal.bytesPerRow()));
    out.setProperty(p + "window_store_requests_per_million_records", fmt(windowWal.requestsPerMillionRows()));
    out.setProperty(p + "acked_records", Long.toString(ackedRecords));
    out.setProperty(p + "peak_used_heap_mib", fmt(peakUsedHeap / 1048576.0));
    out.setProperty(p + "peak_heap_after_gc_mib", fmt(peakHeapAfterGc / 1048576.0));
    out.setProperty(p + "max_heap_mib", fmt(maxHeap / 1048576.0));
  }

  static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
