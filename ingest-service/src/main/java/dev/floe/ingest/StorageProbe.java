package dev.floe.ingest;

import dev.floe.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a small object to the storage now and then, so that {@code /ready} can say whether this
 * replica can acknowledge writes: a replica whose storage has refused every write for a while takes
 * no new traffic. One object per replica, overwritten each time and deleted at stop.
 */
final class StorageProbe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageProbe.class);
  /** Writes may fail this many intervals in a row before the replica is unready. */
  private static final int TOLERATED_INTERVALS = 3;

  private final ObjectStore store;
  private final String key;
  private final long maxAgeNanos;
  private final ScheduledExecutorService timer;
  private volatile long lastSuccessNanos;
  private volatile boolean succeeded;
  private volatile boolean failing;

  StorageProbe(ObjectStore store, String instance, Duration interval) {
    this.store = store;
    this.key = "probes/ingest/" + instance.replaceAll("[^A-Za-z0-9._-]", "_");
    this.maxAgeNanos = interval.toNanos() * TOLERATED_INTERVALS;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "floe-storage-probe");
              thread.setDaemon(true);
              return thread;
            });
    probe();
    timer.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether a write succeeded recently. */
  boolean healthy() {
    return succeeded && System.nanoTime() - lastSuccessNanos <= maxAgeNanos;
  }

  private void probe() {
    try {
      store.deleteAll(List.of(key));
      store.createIfAbsent(key, Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
      lastSuccessNanos = System.nanoTime();
      succeeded = true;
      if (failing) {
        LOG.info("storage probe {} succeeds again", key);
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn("storage probe {} failed: {}", key, e.toString());
        failing = true;
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      store.deleteAll(List.of(key));
    } catch (RuntimeException e) {
      LOG.debug("cannot delete storage probe {}: {}", key, e.toString());
    }
  }
}
