package dev.floe.ingest.pipeline;

import dev.floe.config.WalConfig;
import dev.floe.schema.Signal;
import dev.floe.store.ObjectStore;
import dev.floe.wal.SegmentEncoder;
import dev.floe.wal.SegmentKey;
import dev.floe.wal.WalWriter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns accepted rows into durable WAL segments: a group commit per signal ({@link SignalBatcher}),
 * segments encoded and appended with the offset protocol on a pool of flush threads, then the acks
 * of every request in the segment completed.
 */
public final class IngestPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  private final String writerId;
  private final WalConfig walConfig;
  private final Map<Signal, SignalBatcher> batchers = new EnumMap<>(Signal.class);
  private final Map<Signal, WalWriter> writers = new EnumMap<>(Signal.class);
  private final ThreadPoolExecutor flushPool;
  private final ScheduledExecutorService batchTimer;
  private final ThreadLocal<Map<Signal, SegmentEncoder>> encoders;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<Signal, Timer> flushTimers = new EnumMap<>(Signal.class);
  private final Map<Signal, DistributionSummary> segmentSizes = new EnumMap<>(Signal.class);
  private final Map<Signal, DistributionSummary> segmentRows = new EnumMap<>(Signal.class);

  public IngestPipeline(
      ObjectStore store, WalConfig walConfig, BatchConfig batchConfig, String writerId, MeterRegistry meters) {
    this.writerId = writerId;
    this.walConfig = walConfig;
    int threads =
        batchConfig.flushThreads() > 0 ? batchConfig.flushThreads() : Runtime.getRuntime().availableProcessors();
    this.flushPool =
        new ThreadPoolExecutor(
            threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named("floe-flush"));
    this.batchTimer = Executors.newSingleThreadScheduledExecutor(named("floe-batch-timer"));
    this.encoders = ThreadLocal.withInitial(() -> new EnumMap<>(Signal.class));
    // A signal writes one segment per flush thread at most, and one per shard (a shard takes one
    // write at a time).
    int slots = Math.min(threads, walConfig.shards());
    for (Signal signal : Signal.values()) {
      writers.put(signal, new WalWriter(store, signal, walConfig.shards(), walConfig.maxWriteAttempts()));
      batchers.put(
          signal,
          new SignalBatcher(batchConfig, slots, flushPool, (rows, acks) -> flush(signal, rows, acks), batchTimer));
      flushTimers.put(
          signal,
          Timer.builder("floe.ingest.flush.duration")
              .description("time to encode and durably write one WAL segment")
              .tag("signal", signal.id())
              .publishPercentiles(0.5, 0.99)
              .register(meters));
      segmentSizes.put(
          signal,
          DistributionSummary.builder("floe.wal.segment.size")
              .description("bytes of each WAL segment written")
              .baseUnit("bytes")
              .tag("signal", signal.id())
              .register(meters));
      segmentRows.put(
          signal,
          DistributionSummary.builder("floe.wal.segment.rows")
              .description("rows in each WAL segment written")
              .tag("signal", signal.id())
              .register(meters));
    }
  }

  /**
   * Queues rows of one request; the future completes once every one of them is in a durable
   * segment, or fails with {@link WalUnavailableException}.
   *
   * @param payloadBytes the request's share of payload, which counts towards the batch byte limit
   */
  public CompletableFuture<Void> submit(Map<Signal, List<Record>> rows, long payloadBytes) {
    List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
    for (Map.Entry<Signal, List<Record>> entry : rows.entrySet()) {
      if (!entry.getValue().isEmpty()) {
        acks.add(batchers.get(entry.getKey()).add(entry.getValue(), payloadBytes));
      }
    }
    if (acks.size() == 1) {
      return acks.get(0);
    }
    return CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0]));
  }

  /** Closes every open batch now, so that no later request joins it. For shutdown. */
  public void drain() {
    batchers.values().forEach(SignalBatcher::drain);
  }

  /**
   * Drains, waits up to {@code timeout} for every batch to be written, then stops the flush threads;
   * requests whose batch was still waiting then are refused with a retryable error.
   */
  public void close(Duration timeout) {
    drain();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      for (SignalBatcher batcher : batchers.values()) {
        if (!batcher.awaitIdle(deadline)) {
          LOG.warn("WAL flushes still running after {}; their requests were not acknowledged", timeout);
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    batchTimer.shutdownNow();
    flushPool.shutdown();
    IllegalStateException closing = new IllegalStateException("the ingest service is shutting down");
    batchers.values().forEach(batcher -> batcher.failWaiting(closing));
    try {
      if (!flushPool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        flushPool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      flushPool.shutdownNow();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private void flush(Signal signal, List<Record> rows, BatchAcks acks) {
    Timer.Sample sample = Timer.start();
    try {
      SegmentEncoder encoder =
          encoders.get().computeIfAbsent(signal, s -> new SegmentEncoder(s.table(), walConfig.zstdLevel()));
      byte[] segment =
          encoder.encode(
              rows,
              Map.of(
                  SegmentEncoder.WRITER_KEY, writerId + "/" + sequence.incrementAndGet(),
                  SegmentEncoder.SIGNAL_KEY, signal.id()));
      SegmentKey key = writers.get(signal).append(segment);
      segmentSizes.get(signal).record(segment.length);
      segmentRows.get(signal).record(rows.size());
      LOG.debug("wrote {} ({} rows, {} bytes)", key.path(), rows.size(), segment.length);
      acks.segmentDurable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acks.segmentFailed(e);
    } catch (RuntimeException | Error e) {
      LOG.warn("WAL flush of {} {} rows failed: {}", rows.size(), signal.id(), e.toString());
      acks.segmentFailed(e);
    } finally {
      sample.stop(flushTimers.get(signal));
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
