package dev.floe.bench;

import java.util.Arrays;

/**
 * The responses one client thread received: completion time, latency and HTTP status of each
 * (status -1 for a transport error). Bounded: samples past the capacity are counted, not kept.
 * Written by one thread; read after that thread has been joined.
 */
final class SampleLog {
  static final int ERROR = -1;

  private final int capacity;
  private long[] ends = new long[1024];
  private long[] latencies = new long[1024];
  private int[] statuses = new int[1024];
  private int size;
  private long dropped;

  SampleLog(int capacity) {
    this.capacity = capacity;
  }

  void add(long endNanos, long latencyNanos, int status) {
    if (size == capacity) {
      dropped++;
      return;
    }
    if (size == ends.length) {
      int grown = Math.min(capacity, size * 2);
      ends = Arrays.copyOf(ends, grown);
      latencies = Arrays.copyOf(latencies, grown);
      statuses = Arrays.copyOf(statuses, grown);
    }
    ends[size] = endNanos;
    latencies[size] = latencyNanos;
    statuses[size] = status;
    size++;
  }

  int size() {
    return size;
  }

  long dropped() {
    return dropped;
  }

  long end(int i) {
    return ends[i];
  }

  long latency(int i) {
    return latencies[i];
  }

  int status(int i) {
    return statuses[i];
  }
}
