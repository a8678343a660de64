package dev.floe.ingest.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the request payload held in memory between arrival and the WAL ack. A request that does
 * not fit is refused at once (OTLP's retryable 429 / RESOURCE_EXHAUSTED), so overload turns into
 * back-pressure on clients instead of heap growth.
 */
public final class MemoryBudget {
  private final long limit;
  private final AtomicLong used = new AtomicLong();

  public MemoryBudget(long limit) {
    this.limit = limit;
  }

  /** Takes {@code bytes} if they fit; a single request larger than the whole budget never fits. */
  public boolean tryAcquire(long bytes) {
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

  public void release(long bytes) {
    used.addAndGet(-bytes);
  }

  public long used() {
    return used.get();
  }

  public long limit() {
    return limit;
  }
}
