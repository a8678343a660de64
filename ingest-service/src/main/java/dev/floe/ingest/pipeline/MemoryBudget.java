package dev.floe.ingest.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the heap that requests hold between arrival and the WAL ack. A request that does not fit
 * is refused at once (OTLP's retryable 429 / RESOURCE_EXHAUSTED), so overload turns into
 * back-pressure on clients instead of heap growth.
 *
 * <p>Requests are charged by their OTLP payload times {@link #HEAP_PER_PAYLOAD_BYTE}: decoded
 * messages and the rows mapped from them take several times their wire size until the segment is
 * written (measured about 8 for logs, see bench/README.md).
 */
public final class MemoryBudget {
  /** Heap bytes a queued request holds per byte of decoded OTLP payload. */
  public static final int HEAP_PER_PAYLOAD_BYTE = 8;
  /** The share of the maximum heap that requests may hold when no limit is configured. */
  private static final int AUTO_HEAP_DIVISOR = 4;

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  /** @param limit heap bytes requests may hold; 0 means a quarter of the JVM's maximum heap */
  public MemoryBudget(long limit) {
    this.limit = limit > 0 ? limit : Runtime.getRuntime().maxMemory() / AUTO_HEAP_DIVISOR;
  }

  /** The heap a request of {@code payloadBytes} is charged. */
  public static long charge(long payloadBytes) {
    return payloadBytes * HEAP_PER_PAYLOAD_BYTE;
  }

  /** Whether a request of {@code payloadBytes} would fit now; a cheap check before reading a body. */
  public boolean hasRoomFor(long payloadBytes) {
    return used.get() + charge(payloadBytes) <= limit;
  }

  /** Takes the charge of {@code payloadBytes} if it fits; a request larger than the budget never fits. */
  public boolean tryAcquire(long payloadBytes) {
    long bytes = charge(payloadBytes);
    while (true) {
      long current = used.get();
      if (current + bytes > limit) {
        return false;
      }
      if (used.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  /** Returns what {@link #tryAcquire} took for {@code payloadBytes}. */
  public void release(long payloadBytes) {
    used.addAndGet(-charge(payloadBytes));
  }

  /** Heap bytes charged to requests now. */
  public long used() {
    return used.get();
  }

  /** Heap bytes requests may hold. */
  public long limit() {
    return limit;
  }
}
