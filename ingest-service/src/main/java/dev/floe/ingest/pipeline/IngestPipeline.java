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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns accepted rows into durable WAL segments: batches per signal, encodes on a pool of flush
 * threads, appends with the offset protocol, then completes the acks of every request in the batch.
 */
public final class IngestPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  private final String writerId;
  private final WalConfig walConfig;
  private final Map<Signal, SignalBatcher> batchers = new EnumMap<>(Signal.class);
  private final Map<Signal, WalWriter> writers = new EnumMap<>(Signal.class);
  private final ExecutorService flushPool;
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
    this.flushPool = Executors.newFixedThreadPool(threads, named("floe-flush"));
    this.batchTimer = Executors.newSingleThreadScheduledExecutor(named("floe-batch-timer"));
    this.encoders = ThreadLocal.withInitial(() -> new EnumMap<>(Signal.class));
    for (Signal signal : Signal.values()) {
      writers.put(signal, new WalWriter(store, signal, walConfig.shards(), walConfig.maxWriteAttempts()));
      batchers.put(signal, new SignalBatcher(signal, batchConfig, this::schedule, batchTimer));
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

  /** Flushes every open batch now; later submissions are flushed at once. For shutdown. */
  public void drain() {
    batchers.values().forEach(SignalBatcher::drain);
  }

  /** Drains, then waits up to {@code timeout} for the flushes in progress. */
  public void close(Duration timeout) {
    drain();
    batchTimer.shutdownNow();
    flushPool.shutdown();
    try {
      if (!flushPool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("WAL flushes still running after {}; their requests were not acknowledged", timeout);
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

  private void schedule(SignalBatcher.Batch batch) {
    try {
      flushPool.execute(() -> flush(batch));
    } catch (RejectedExecutionException e) {
      // A request that raced with close(): its client retries, as after any failed flush.
      fail(batch, new IllegalStateException("the ingest service is shutting down", e));
    }
  }

  private void flush(SignalBatcher.Batch batch) {
    Timer.Sample sample = Timer.start();
    try {
      SegmentEncoder encoder =
          encoders.get().computeIfAbsent(batch.signal(), s -> new SegmentEncoder(s.table(), walConfig.zstdLevel()));
      byte[] segment =
          encoder.encode(
              batch.rows(),
              Map.of(
                  SegmentEncoder.WRITER_KEY, writerId + "/" + sequence.incrementAndGet(),
                  SegmentEncoder.SIGNAL_KEY, batch.signal().id()));
      SegmentKey key = writers.get(batch.signal()).append(segment);
      segmentSizes.get(batch.signal()).record(segment.length);
      segmentRows.get(batch.signal()).record(batch.rows().size());
      LOG.debug("wrote {} ({} rows, {} bytes)", key.path(), batch.rows().size(), segment.length);
      batch.acks().forEach(ack -> ack.complete(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(batch, e);
    } catch (RuntimeException | Error e) {
      LOG.warn("WAL flush of {} {} rows failed: {}", batch.rows().size(), batch.signal().id(), e.toString());
      fail(batch, e);
    } finally {
      sample.stop(flushTimers.get(batch.signal()));
    }
  }

  private static void fail(SignalBatcher.Batch batch, Throwable cause) {
    WalUnavailableException error =
        new WalUnavailableException("the write-ahead log is unavailable: " + cause.getMessage(), cause);
    batch.acks().forEach(ack -> ack.completeExceptionally(error));
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
