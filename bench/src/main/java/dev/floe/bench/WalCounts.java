package dev.floe.bench;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the service wrote to the log WAL up to a moment, from its own meters, and the requests its
 * store received; the difference of two is what a window wrote.
 *
 * @param segments segments written
 * @param rows rows in them
 * @param bytes bytes of them
 * @param storeRequests requests to the object store, of every kind
 */
record WalCounts(long segments, long rows, long bytes, long storeRequests) {

  static WalCounts of(MeterRegistry meters, CountingStore store) {
    DistributionSummary rows = meters.find("floe.wal.segment.rows").tag("signal", "logs").summary();
    DistributionSummary bytes = meters.find("floe.wal.segment.size").tag("signal", "logs").summary();
    return new WalCounts(
        rows == null ? 0 : rows.count(),
        rows == null ? 0 : (long) rows.totalAmount(),
        bytes == null ? 0 : (long) bytes.totalAmount(),
        store.requests());
  }

  WalCounts minus(WalCounts earlier) {
    return new WalCounts(
        segments - earlier.segments, rows - earlier.rows, bytes - earlier.bytes, storeRequests - earlier.storeRequests);
  }

  double bytesPerRow() {
    return rows == 0 ? Double.NaN : bytes / (double) rows;
  }

  double rowsPerSegment() {
    return segments == 0 ? Double.NaN : rows / (double) segments;
  }

  double bytesPerSegment() {
    return segments == 0 ? Double.NaN : bytes / (double) segments;
  }

  /** Object-store requests per million rows written. */
  double requestsPerMillionRows() {
    return rows == 0 ? Double.NaN : storeRequests * 1e6 / rows;
  }
}
