package dev.floe.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What the clients saw in one measurement window: responses by status and the ack latencies of
 * the successful ones. A response belongs to the window in which it completed.
 *
 * @param seconds window length
 * @param ok 200 responses
 * @param rejected 429 responses
 * @param unavailable 503 responses
 * @param other other statuses and transport errors
 * @param okLatencyNanos latencies of the 200 responses, sorted
 */
record Window(double seconds, long ok, long rejected, long unavailable, long other, long[] okLatencyNanos) {

  static Window of(List<SampleLog> logs, long startNanos, long endNanos) {
    long ok = 0;
    long rejected = 0;
    long unavailable = 0;
    long other = 0;
    long[] latencies = new long[64];
    for (SampleLog log : logs) {
      for (int i = 0; i < log.size(); i++) {
        long end = log.end(i);
        if (end < startNanos || end >= endNanos) {
          continue;
        }
        switch (log.status(i)) {
          case 200 -> {
            if (ok == latencies.length) {
              latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[(int) ok++] = log.latency(i);
          }
          case 429 -> rejected++;
          case 503 -> unavailable++;
          default -> other++;
        }
      }
    }
    long[] sorted = Arrays.copyOf(latencies, (int) ok);
    Arrays.sort(sorted);
    return new Window((endNanos - startNanos) / 1e9, ok, rejected, unavailable, other, sorted);
  }

  /** The latency at quantile {@code q} (0..1) in milliseconds, NaN without samples. */
  double latencyMillis(double q) {
    if (okLatencyNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(okLatencyNanos.length - 1, Math.ceil(q * okLatencyNanos.length) - 1);
    return okLatencyNanos[Math.max(0, index)] / 1e6;
  }
}
