package dev.floe.maintain;

import dev.floe.maintain.compaction.CompactionMetrics;
import dev.floe.maintain.compaction.Compactor;
import dev.floe.schema.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Compacts the WAL of every signal into its table; one signal failing does not hold up the others. */
final class CompactionTask implements MaintenanceTask {
  private final List<Compactor> compactors = new ArrayList<>();
  private final Duration interval;

  CompactionTask(MaintenanceContext context) {
    MaintainConfig config = context.config();
    this.interval = config.compaction().interval();
    for (Signal signal : Signal.values()) {
      compactors.add(
          new Compactor(
              signal,
              context.tables().get(signal),
              context.store(),
              config.wal().shards(),
              config.compaction(),
              new CompactionMetrics(context.meters(), signal),
              context.clock()));
    }
  }

  @Override
  public String name() {
    return "compaction";
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void run(BooleanSupplier leading) {
    RuntimeException failure = null;
    for (Compactor compactor : compactors) {
      if (!leading.getAsBoolean()) {
        break;
      }
      try {
        compactor.compact(leading);
      } catch (RuntimeException e) {
        RuntimeException named = new IllegalStateException("compaction of " + compactor.signal().id() + " failed", e);
        if (failure == null) {
          failure = named;
        } else {
          failure.addSuppressed(named);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
