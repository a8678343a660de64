package dev.floe.ingest.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.iceberg.data.Record;

/**
 * One signal's group commit. Rows join the open batch, and a batch is written as soon as one of
 * the signal's write slots is free: a request that finds a slot free is written at once, and
 * batches grow only while every slot's write is in flight, so a loaded service writes few, large
 * segments and an idle one acks within one write.
 *
 * <p>A slot takes the open batch when its flush thread starts, not when it is claimed, so that the
 * requests arriving meanwhile join the same segment. At {@code maxRows}, {@code maxBytes}, or
 * {@code maxDelay} after its first row while it waits, a batch closes; closed batches are written
 * whole by the next free slots, in order. A batch large enough to split is shared with the slots
 * that are idle, one contiguous part each, each part its own segment.
 */
final class SignalBatcher {
  /**
   * The fewest rows a split-off segment gets: below this, a segment's fixed costs (footer, one
   * column chunk per column, a store request) outweigh the parallel encoding.
   */
  static final int MIN_SPLIT_ROWS = 2_000;

  private final BatchConfig config;
  private final int slots;
  private final Executor flushThreads;
  private final BiConsumer<List<Record>, BatchAcks> write;
  private final ScheduledExecutorService timer;

  private final ArrayDeque<Batch> closed = new ArrayDeque<>();
  private List<Record> rows = new ArrayList<>();
  private List<CompletableFuture<Void>> acks = new ArrayList<>();
  private long bytes;
  private long generation;
  private int busySlots;

  /**
   * @param slots segments this signal writes at once
   * @param flushThreads where segments are encoded and written
   * @param write encodes and durably writes one segment, then tells the acks; never throws
   * @param timer runs the {@code maxDelay} limit
   */
  SignalBatcher(
      BatchConfig config,
      int slots,
      Executor flushThreads,
      BiConsumer<List<Record>, BatchAcks> write,
      ScheduledExecutorService timer) {
    this.config = config;
    this.slots = Math.max(1, slots);
    this.flushThreads = flushThreads;
    this.write = write;
    this.timer = timer;
  }

  /** Adds rows; the future completes when the segment holding them is durable. */
  CompletableFuture<Void> add(List<Record> newRows, long payloadBytes) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    boolean claimed;
    synchronized (this) {
      if (rows.isEmpty() && busySlots == slots) {
        scheduleDelayLimit(generation);
      }
      rows.addAll(newRows);
      acks.add(ack);
      bytes += payloadBytes;
      if (rows.size() >= config.maxRows() || bytes >= config.maxBytes()) {
        closed.add(cut());
      }
      claimed = claimSlotIfIdle();
    }
    if (claimed) {
      dispatch(this::writeNext, this::failWaiting);
    }
    return ack;
  }

  /** Closes the open batch, so that no later request joins it; it is written by the next free slot. */
  void drain() {
    synchronized (this) {
      if (!rows.isEmpty()) {
        closed.add(cut());
      }
    }
  }

  /**
   * Waits until every batch is written (or failed) and no write is in flight.
   *
   * @return whether that happened before {@code deadlineNanos} ({@link System#nanoTime()})
   */
  synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    while (busySlots > 0 || !closed.isEmpty() || !rows.isEmpty()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Fails every batch not yet taken by a slot: its requests are refused with a retryable error. */
  void failWaiting(Throwable cause) {
    List<Batch> waiting;
    synchronized (this) {
      if (!rows.isEmpty()) {
        closed.add(cut());
      }
      waiting = new ArrayList<>(closed);
      closed.clear();
      notifyAll();
    }
    waiting.forEach(batch -> new BatchAcks(batch.acks(), 1).segmentFailed(cause));
  }

  /** A claimed slot's work: takes the next batch, shares it with idle slots, writes its part. */
  private void writeNext() {
    Batch batch;
    int helpers;
    synchronized (this) {
      batch = closed.isEmpty() ? (rows.isEmpty() ? null : cut()) : closed.poll();
      if (batch == null) {
        releaseSlot();
        return;
      }
      helpers = Math.max(0, Math.min(slots - busySlots, batch.rows().size() / MIN_SPLIT_ROWS - 1));
      busySlots += helpers;
    }
    List<List<Record>> parts = split(batch.rows(), 1 + helpers);
    BatchAcks batchAcks = new BatchAcks(batch.acks(), parts.size());
    for (List<Record> part : parts.subList(1, parts.size())) {
      dispatch(() -> writeThenContinue(part, batchAcks), batchAcks::segmentFailed);
    }
    writeThenContinue(parts.get(0), batchAcks);
  }

  private void writeThenContinue(List<Record> part, BatchAcks batchAcks) {
    write.accept(part, batchAcks);
    synchronized (this) {
      if (closed.isEmpty() && rows.isEmpty()) {
        releaseSlot();
        return;
      }
    }
    // Queued behind other signals' writes rather than looped, so that one busy signal cannot hold
    // every flush thread; the open batch keeps growing meanwhile.
    dispatch(this::writeNext, this::failWaiting);
  }

  private void scheduleDelayLimit(long opened) {
    try {
      timer.schedule(() -> closeIfStillOpen(opened), config.maxDelay().toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closing: the batch is written by the next free slot all the same.
    }
  }

  /** Closes the batch opened as {@code opened} if it is still waiting for a slot. */
  private void closeIfStillOpen(long opened) {
    synchronized (this) {
      if (generation == opened && !rows.isEmpty()) {
        closed.add(cut());
      }
    }
  }

  private boolean claimSlotIfIdle() {
    if (busySlots < slots) {
      busySlots++;
      return true;
    }
    return false;
  }

  private void releaseSlot() {
    busySlots--;
    notifyAll();
  }

  /**
   * Runs a claimed slot's work on a flush thread; when the pool is shut down (closing), releases the
   * slot and hands the refusal to {@code refuse}, so that the requests waiting get a retryable error.
   */
  private void dispatch(Runnable slotWork, Consumer<Throwable> refuse) {
    try {
      flushThreads.execute(slotWork);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        releaseSlot();
      }
      refuse.accept(new IllegalStateException("the ingest service is shutting down", e));
    }
  }

  private Batch cut() {
    Batch batch = new Batch(rows, acks);
    rows = new ArrayList<>();
    acks = new ArrayList<>();
    bytes = 0;
    generation++;
    return batch;
  }

  /** Splits {@code rows} into at most {@code ways} parts of at least {@link #MIN_SPLIT_ROWS} rows. */
  static List<List<Record>> split(List<Record> rows, int ways) {
    int parts = Math.max(1, Math.min(ways, rows.size() / MIN_SPLIT_ROWS));
    List<List<Record>> result = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      result.add(rows.subList((int) ((long) rows.size() * i / parts), (int) ((long) rows.size() * (i + 1) / parts)));
    }
    return result;
  }

  /** Rows cut from the open batch, with the acks of every request that contributed some. */
  private record Batch(List<Record> rows, List<CompletableFuture<Void>> acks) {}
}
