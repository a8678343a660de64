package dev.floe.maintain;

import dev.floe.maintain.lease.LeaderLease;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the lease and, while this instance leads, runs the maintenance tasks.
 *
 * <p>Two threads: one renews or acquires the lease on the lease's own schedule, one runs the tasks.
 * They are separate so that a long compaction never delays a renewal: a leader that stopped renewing
 * would lose the lease in the middle of its work. Tasks see leadership through a {@link
 * BooleanSupplier} that turns false as soon as the lease is lost or the loop is stopping.
 */
final class LeaderLoop {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderLoop.class);
  private static final Duration MAX_TICK = Duration.ofMillis(500);

  private final LeaderLease lease;
  private final List<Scheduled> tasks = new ArrayList<>();
  private final Clock clock;
  private final MeterRegistry meters;
  private final ScheduledExecutorService leaseThread = singleThread("floe-lease");
  private final ScheduledExecutorService taskThread = singleThread("floe-maintain");
  private final Duration tick;
  private volatile boolean running;

  LeaderLoop(LeaderLease lease, List<MaintenanceTask> tasks, Clock clock, MeterRegistry meters) {
    this.lease = lease;
    this.clock = clock;
    this.meters = meters;
    Duration shortest = MAX_TICK;
    for (MaintenanceTask task : tasks) {
      this.tasks.add(new Scheduled(task));
      if (task.interval().compareTo(shortest) < 0) {
        shortest = task.interval();
      }
    }
    this.tick = shortest;
    Gauge.builder("floe.maintain.leader", this, loop -> loop.isLeader() ? 1 : 0)
        .description("1 while this instance holds the maintenance lease")
        .register(meters);
  }

  void start() {
    running = true;
    leaseThread.execute(this::refreshLease);
    taskThread.scheduleWithFixedDelay(this::runDueTasks, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isLeader() {
    return running && lease.isLeader();
  }

  /**
   * Lets the running task wind down (it sees leadership end), waits for it up to {@code timeout},
   * then releases the lease so that a follower takes over without waiting for it to expire.
   */
  void stop(Duration timeout) {
    running = false;
    taskThread.shutdown();
    leaseThread.shutdown();
    try {
      if (!taskThread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("a maintenance task is still running after {}; stopping anyway", timeout);
        taskThread.shutdownNow();
      }
      leaseThread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lease.release();
  }

  private void refreshLease() {
    if (!running) {
      return;
    }
    try {
      lease.refresh();
    } catch (RuntimeException e) {
      LOG.warn("lease refresh failed", e);
    }
    if (running && !leaseThread.isShutdown()) {
      leaseThread.schedule(this::refreshLease, lease.nextRefresh().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void runDueTasks() {
    BooleanSupplier leading = this::isLeader;
    for (Scheduled scheduled : tasks) {
      if (!leading.getAsBoolean()) {
        return;
      }
      long now = clock.millis();
      if (scheduled.lastStart != Long.MIN_VALUE && now - scheduled.lastStart < scheduled.task.interval().toMillis()) {
        continue;
      }
      scheduled.lastStart = now;
      Timer.Sample sample = Timer.start(meters);
      try {
        scheduled.task.run(leading);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          return;
        }
        Counter.builder("floe.maintain.task.failures")
            .description("maintenance task runs that failed")
            .tag("task", scheduled.task.name())
            .register(meters)
            .increment();
        LOG.error("maintenance task {} failed", scheduled.task.name(), e);
      } finally {
        sample.stop(
            Timer.builder("floe.maintain.task.duration")
                .description("time of one maintenance task run")
                .tag("task", scheduled.task.name())
                .register(meters));
      }
    }
  }

  /** A scheduler whose pending runs are dropped at shutdown, so that stopping never waits for one. */
  private static ScheduledExecutorService singleThread(String name) {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(false);
              return thread;
            });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** A task and when it last started; touched only by the task thread. */
  private static final class Scheduled {
    final MaintenanceTask task;
    long lastStart = Long.MIN_VALUE;

    Scheduled(MaintenanceTask task) {
      this.task = task;
    }
  }
}
