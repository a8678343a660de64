package dev.floe.query.api;

import dev.floe.lang.QueryContext;
import dev.floe.query.QueryConfig.QueryLimits;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admits queries of every API: at most {@code maxConcurrent} run at once, of them at most {@code
 * maxConcurrentPerTenant} of one tenant; the others wait in a bounded queue until a turn comes or
 * their deadline passes, and beyond the queue's bounds they are refused with {@link
 * TooManyQueriesException}. Thread-safe.
 */
public final class QueryGate {
  // A waiting query wakes at least this often to notice that its client went away.
  private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final QueryLimits limits;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();
  private final Map<String, int[]> tenants = new HashMap<>();
  private int running;
  private int queued;

  /** A turn to run; closing it lets the next query run. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  public QueryGate(QueryLimits limits) {
    this.limits = limits;
  }

  /**
   * Waits for a turn of {@code tenant}'s query.
   *
   * @throws TooManyQueriesException when the queue is full, overall or for the tenant
   * @throws dev.floe.lang.QueryStoppedException when the query's deadline passes or its client goes away first
   */
  public Permit enter(String tenant, QueryContext context) {
    lock.lock();
    try {
      int[] counts = tenants.computeIfAbsent(tenant, key -> new int[2]);
      if (!mayRun(counts)) {
        try {
          queue(tenant, counts, context);
        } catch (RuntimeException e) {
          forgetIdle(tenant, counts);
          throw e;
        }
      }
      running++;
      counts[0]++;
      return () -> leave(tenant);
    } finally {
      lock.unlock();
    }
  }

  /** Queries running now. */
  public int running() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  /** Queries waiting for a turn now. */
  public int queued() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  private boolean mayRun(int[] counts) {
    return running < limits.maxConcurrent() && counts[0] < limits.maxConcurrentPerTenant();
  }

  /** Waits, holding the lock between waits, until the query may run; counts[1] is the tenant's queue. */
  private void queue(String tenant, int[] counts, QueryContext context) {
    if (queued >= limits.maxQueued()) {
      throw new TooManyQueriesException(
          "too many outstanding requests: " + queued + " queries are waiting (limits.maxQueued)");
    }
    if (counts[1] >= limits.maxQueuedPerTenant()) {
      throw new TooManyQueriesException(
          "too many outstanding requests: " + counts[1] + " queries of tenant " + tenant
              + " are waiting (limits.maxQueuedPerTenant)");
    }
    queued++;
    counts[1]++;
    try {
      while (!mayRun(counts)) {
        context.check();
        long wait = Math.min(context.remainingNanos(), MAX_WAIT_NANOS);
        if (wait > 0) {
          freed.awaitNanos(wait);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      context.check();
    } finally {
      queued--;
      counts[1]--;
    }
  }

  private void forgetIdle(String tenant, int[] counts) {
    if (counts[0] == 0 && counts[1] == 0) {
      tenants.remove(tenant);
    }
  }

  private void leave(String tenant) {
    lock.lock();
    try {
      running--;
      int[] counts = tenants.get(tenant);
      counts[0]--;
      forgetIdle(tenant, counts);
      freed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
