package dev.floe.ingest.pipeline;

import dev.floe.schema.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.iceberg.data.Record;

/**
 * Collects one signal's rows until a limit is reached, then hands the batch to be flushed. A batch
 * closes at its row or byte limit, or exactly {@code maxDelay} after its first row: the timer is set
 * when the batch opens, so no request waits longer than that for its segment to start.
 */
final class SignalBatcher {
  private final Signal signal;
  private final BatchConfig config;
  private final Consumer<Batch> flush;
  private final ScheduledExecutorService timer;

  private List<Record> rows = new ArrayList<>();
  private List<CompletableFuture<Void>> acks = new ArrayList<>();
  private long bytes;
  private long generation;
  private boolean immediate;

  SignalBatcher(Signal signal, BatchConfig config, Consumer<Batch> flush, ScheduledExecutorService timer) {
    this.signal = signal;
    this.config = config;
    this.flush = flush;
    this.timer = timer;
  }

  /** Adds rows; the future completes when the segment holding them is durable. */
  CompletableFuture<Void> add(List<Record> newRows, long payloadBytes) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    Batch ready = null;
    synchronized (this) {
      if (rows.isEmpty() && !immediate) {
        long opened = generation;
        timer.schedule(() -> flushIfStillOpen(opened), config.maxDelay().toNanos(), TimeUnit.NANOSECONDS);
      }
      rows.addAll(newRows);
      acks.add(ack);
      bytes += payloadBytes;
      if (immediate || rows.size() >= config.maxRows() || bytes >= config.maxBytes()) {
        ready = cut();
      }
    }
    if (ready != null) {
      flush.accept(ready);
    }
    return ack;
  }

  /** Flushes the batch opened as {@code opened} if a limit has not closed it already. */
  private void flushIfStillOpen(long opened) {
    Batch ready = null;
    synchronized (this) {
      if (generation == opened && !rows.isEmpty()) {
        ready = cut();
      }
    }
    if (ready != null) {
      flush.accept(ready);
    }
  }

  /** Flushes what is open, and from now on flushes every addition at once. */
  void drain() {
    Batch ready = null;
    synchronized (this) {
      immediate = true;
      if (!rows.isEmpty()) {
        ready = cut();
      }
    }
    if (ready != null) {
      flush.accept(ready);
    }
  }

  private Batch cut() {
    Batch batch = new Batch(signal, rows, acks, bytes);
    rows = new ArrayList<>();
    acks = new ArrayList<>();
    bytes = 0;
    generation++;
    return batch;
  }

  /** A batch cut from the open one, with the acks of every request that contributed rows. */
  record Batch(Signal signal, List<Record> rows, List<CompletableFuture<Void>> acks, long payloadBytes) {}
}
