package dev.floe.maintain.compaction;

import dev.floe.schema.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of one signal's compaction: WAL backlog per shard, compaction lag, commit duration and
 * outcomes, files and rows written. Gauges show what this instance saw last, when it last led.
 */
public final class CompactionMetrics {
  private final MeterRegistry meters;
  private final Signal signal;
  private final Map<Integer, AtomicLong> backlogSegments = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> backlogBytes = new ConcurrentHashMap<>();
  private final AtomicLong lagMillis = new AtomicLong();
  private final Timer commitDuration;
  private final Counter filesWritten;
  private final Counter rows;
  private final Counter segments;
  private final Counter committed;
  private final Counter rejected;
  private final Counter unknown;

  public CompactionMetrics(MeterRegistry meters, Signal signal) {
    this.meters = meters;
    this.signal = signal;
    Tags tags = Tags.of("signal", signal.id());
    Gauge.builder("floe.compaction.lag.seconds", lagMillis, millis -> millis.get() / 1000.0)
        .description("age of the oldest WAL segment not yet compacted")
        .tags(tags)
        .register(meters);
    this.commitDuration =
        Timer.builder("floe.compaction.commit.duration")
            .description("time of one Iceberg commit of data files and watermarks")
            .tags(tags)
            .register(meters);
    this.filesWritten =
        Counter.builder("floe.compaction.files.written").description("Iceberg data files written").tags(tags).register(meters);
    this.rows = Counter.builder("floe.compaction.rows").description("rows committed to Iceberg").tags(tags).register(meters);
    this.segments =
        Counter.builder("floe.compaction.segments").description("WAL segments committed to Iceberg").tags(tags).register(meters);
    this.committed = commits(tags, "committed");
    this.rejected = commits(tags, "rejected");
    this.unknown = commits(tags, "unknown");
  }

  private Counter commits(Tags tags, String outcome) {
    return Counter.builder("floe.compaction.commits")
        .description("commit attempts by outcome: committed, rejected (watermark moved), unknown")
        .tags(tags.and("outcome", outcome))
        .register(meters);
  }

  /** Records the WAL above the watermark of one shard. */
  void backlog(int shard, long segmentCount, long bytes) {
    gauge(backlogSegments, "floe.wal.backlog.segments", "WAL segments above the watermark", shard).set(segmentCount);
    gauge(backlogBytes, "floe.wal.backlog.bytes", "bytes of WAL segments above the watermark", shard).set(bytes);
  }

  void lag(Duration age) {
    lagMillis.set(Math.max(0, age.toMillis()));
  }

  void commit(WatermarkCommit.Outcome outcome, Duration duration, int files, long rowCount, int segmentCount) {
    commitDuration.record(duration);
    switch (outcome) {
      case COMMITTED -> {
        committed.increment();
        filesWritten.increment(files);
        rows.increment(rowCount);
        segments.increment(segmentCount);
      }
      case REJECTED -> rejected.increment();
      case UNKNOWN -> unknown.increment();
    }
  }

  private AtomicLong gauge(Map<Integer, AtomicLong> values, String name, String description, int shard) {
    return values.computeIfAbsent(
        shard,
        s -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(name, value, AtomicLong::get)
              .description(description)
              .tags("signal", signal.id(), "shard", Integer.toString(s))
              .register(meters);
          return value;
        });
  }
}
